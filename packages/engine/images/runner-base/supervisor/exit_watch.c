/*
 * A descriptor that polls readable once a child may have exited: its pidfd,
 * or on a kernel without pidfd_open (gVisor's) a signalfd of SIGCHLD, which
 * every child's exit makes readable; the caller then asks whether it was this
 * child's (exit_watch_exited). SIGCHLD stays blocked from then on (a child
 * unblocks it before exec).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "exit_watch.h"
#include "fatal.h"

static int sigchld_fd = -1;

/* Whether `pid` has exited, leaving it to be reaped. */
static int has_exited(pid_t pid)
{
	siginfo_t info = {0};
	return !waitid(P_PID, pid, &info, WEXITED | WNOHANG | WNOWAIT) && info.si_pid == pid;
}

int exit_watch_open(pid_t pid)
{
	int fd = syscall(SYS_pidfd_open, pid, 0);
	if (fd >= 0)
		return fd;
	if (errno != ENOSYS)
		fatal("pidfd_open: %s", strerror(errno));
	if (sigchld_fd < 0) {
		sigset_t set;
		sigemptyset(&set);
		sigaddset(&set, SIGCHLD);
		if (sigprocmask(SIG_BLOCK, &set, NULL))
			fatal("blocking SIGCHLD: %s", strerror(errno));
		sigchld_fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
		if (sigchld_fd < 0)
			fatal("signalfd: %s", strerror(errno));
	}
	/* Exited before SIGCHLD was blocked, its signal is lost: one of our own stands for it. */
	if (has_exited(pid))
		kill(getpid(), SIGCHLD);
	return sigchld_fd;
}

int exit_watch_exited(int fd, pid_t pid)
{
	if (fd != sigchld_fd)
		return 1; /* a pidfd polls readable only once its process exited */
	struct signalfd_siginfo info;
	while (read(fd, &info, sizeof info) > 0) /* drained first: a later exit signals again */
		;
	return has_exited(pid);
}

void exit_watch_close(int fd)
{
	if (fd != sigchld_fd)
		close(fd);
}
