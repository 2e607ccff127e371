/*
 * A sleeper that ignores every signal it may (SIGHUP, SIGINT, SIGTERM, ...) and
 * blocks the rest it can: only SIGKILL and SIGSTOP still reach it. It haunts
 * /tmp until killed.
 */
#include "survivor.h"
#include <signal.h>

int main(void)
{
	pid_t child = fork();
	if (child == 0) {
		sigset_t all;
		sigfillset(&all);
		sigprocmask(SIG_BLOCK, &all, NULL);
		for (int sig = 1; sig < NSIG; sig++)
			signal(sig, SIG_IGN);
		haunt("ignores-signals");
	}
	/* SIGTERM's bit (signal 15) in the child's mask of ignored signals, once it has set it */
	for (int i = 0; i < 500 && !(strtoull(status_field(child, "SigIgn"), NULL, 16) & (1ULL << 14)); i++)
		usleep(10000);
	printf("ignores-sigterm=%s\n", strtoull(status_field(child, "SigIgn"), NULL, 16) & (1ULL << 14) ? "yes" : "no");
	kill(child, SIGTERM);
	usleep(50000);
	printf("alive-after-sigterm=%s\n", kill(child, 0) == 0 ? "yes" : "no");
	puts("planted=yes");
	return 0;
}
