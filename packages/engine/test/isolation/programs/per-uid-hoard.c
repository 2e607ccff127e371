/*
 * Takes all of three counts the kernel keeps per uid across the whole host and holds them for
 * 6 s: queued real-time signals (RLIMIT_SIGPENDING, until sigqueue says EAGAIN), pipe buffer
 * pages (fs.pipe-user-pages-soft, until growing a pipe to 1 MiB says EPERM) and POSIX message
 * queue space (RLIMIT_MSGQUEUE, until mq_open says EMFILE). Reports how many of each it took.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
	sigset_t rt;
	sigemptyset(&rt);
	sigaddset(&rt, SIGRTMIN);
	sigprocmask(SIG_BLOCK, &rt, NULL);
	int signals = 0;
	while (sigqueue(getpid(), SIGRTMIN, (union sigval){0}) == 0)
		signals++;
	printf("signals=%d stopped-by=%s\n", signals, strerror(errno));

	int pipes = 0, fds[2];
	while (pipe(fds) == 0 && fcntl(fds[1], F_SETPIPE_SZ, 1 << 20) > 0)
		pipes++;
	printf("pipes=%d stopped-by=%s\n", pipes, strerror(errno));

	int queues = 0;
	struct mq_attr attr = {.mq_maxmsg = 10, .mq_msgsize = 8192};
	for (;; queues++) {
		char name[32];
		snprintf(name, sizeof name, "/hoard-%d", queues);
		if (mq_open(name, O_RDWR | O_CREAT | O_EXCL, 0600, &attr) < 0)
			break;
		mq_unlink(name);
	}
	printf("queues=%d stopped-by=%s\n", queues, strerror(errno));
	printf("held=%d\n", signals > 0 && pipes > 0 && queues > 0);
	fflush(stdout);
	sleep(6);
	return 0;
}
