/*
 * A child seizes the main process with ptrace (same user; with Yama the main
 * process names any process its tracer) and never waits for it. When the main process exits,
 * the kernel reports its exit to the tracer first: its real parent, the
 * supervisor, can't reap it while the tracer lives.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <unistd.h>

int main(void)
{
	int ready[2];
	pid_t main_process = getpid();
	prctl(PR_SET_PTRACER, PR_SET_PTRACER_ANY); /* needed with Yama only; EINVAL without it */
	if (pipe(ready))
		return 1;
	if (fork() == 0) {
		char seized = ptrace(PTRACE_SEIZE, main_process, 0, 0) ? 'n' : 'y';
		if (write(ready[1], &seized, 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}
	char seized = 0;
	if (read(ready[0], &seized, 1) != 1)
		return 1;
	printf("seized=%s\n", seized == 'y' ? "yes" : "no");
	return 0;
}
