/*
 * A process whose thread-group leader has ended while another of its threads
 * runs on: /proc/<pid> shows the leader as a zombie ("State: Z"), yet the
 * thread keeps running as the sandbox user. argv[1] says how the leader ends:
 *   pthread-exit     pthread_exit() from the main thread
 *   setsid-sys-exit  a new session first, then the raw exit system call, which
 *                    ends only the calling thread
 */
#include "survivor.h"
#include <pthread.h>

static int raw_exit;

static void *survivor(void *unused)
{
	(void)unused;
	haunt("zombie-leader");
}

int main(int argc, char **argv)
{
	raw_exit = argc > 1 && !strcmp(argv[1], "setsid-sys-exit");
	pid_t child = fork();
	if (child == 0) {
		if (raw_exit)
			setsid();
		pthread_t thread;
		pthread_create(&thread, NULL, survivor, NULL);
		if (raw_exit)
			syscall(SYS_exit, 0);
		pthread_exit(NULL);
	}
	await_field("leader-state", child, "State", "Z");
	printf("threads=%s\n", status_field(child, "Threads"));
	puts("planted=yes");
	return 0;
}
