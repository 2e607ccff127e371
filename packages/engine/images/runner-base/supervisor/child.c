/*
 * The forked child of a stage: it becomes the sandbox user with no capability,
 * takes the stage's limits and execs the program (PROTOCOL.md, "Running a stage").
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "child.h"
#include "sandbox.h"
#include "syscall_filter.h"

/* Reports on the status pipe why the child couldn't start the program. */
static _Noreturn void child_fail(int status_w, enum child_failure failure, const char *what)
{
	char kind = failure;
	dprintf(2, "warmbox: %s: %s\n", what, strerror(errno));
	if (write(status_w, &kind, 1) < 0)
		_exit(126);
	_exit(127);
}

/*
 * The program runs with no capability at all: the bounding set is emptied while
 * CAP_SETPCAP is still effective (before setuid), `then_uid` switches to the
 * sandbox user, which clears permitted and effective, and the inheritable and
 * ambient sets are emptied last. 0, or -1 with errno set.
 */
static int drop_all_capabilities(int (*then_uid)(void))
{
	for (int cap = 0; prctl(PR_CAPBSET_READ, cap) >= 0; cap++)
		if (prctl(PR_CAPBSET_DROP, cap))
			return -1;
	if (then_uid())
		return -1;
	struct __user_cap_header_struct header = {_LINUX_CAPABILITY_VERSION_3, 0};
	struct __user_cap_data_struct none[_LINUX_CAPABILITY_U32S_3] = {0};
	if (syscall(SYS_capset, &header, none))
		return -1;
	/* EINVAL: a kernel without ambient capabilities (gVisor's) has none to clear */
	return prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) && errno != EINVAL ? -1 : 0;
}

static int become_sandbox_user(void)
{
	return setgroups(0, NULL) || setgid(SANDBOX_GID) || setuid(sandbox_uid) ? -1 : 0;
}

_Noreturn void child_exec(const struct program *p, const int fds[3], int status_w)
{
	extern char **environ;
	if (dup2(fds[0], 0) < 0 || dup2(fds[1], 1) < 0 || dup2(fds[2], 2) < 0)
		_exit(126);
	setsid();
	/* Raising it needs no privilege, and only root (before setuid) may write the file. */
	int fd = open("/proc/self/oom_score_adj", O_WRONLY | O_CLOEXEC);
	if (fd < 0 || write(fd, "1000", 4) != 4)
		child_fail(status_w, SETUP_FAILED, "oom_score_adj");
	close(fd);
	if (drop_all_capabilities(become_sandbox_user))
		child_fail(status_w, SETUP_FAILED, "dropping privileges");
	struct rlimit fsize = {RLIM_INFINITY, RLIM_INFINITY}, cpu = fsize, core = {0, 0};
	if (p->fsize)
		fsize.rlim_cur = fsize.rlim_max = p->fsize;
	if (p->cpu_ms) { /* a backstop only: the cgroup CPU check acts first */
		cpu.rlim_cur = (p->cpu_ms + 999) / 1000 + 1;
		cpu.rlim_max = cpu.rlim_cur + 1;
	}
	if (setrlimit(RLIMIT_FSIZE, &fsize) || setrlimit(RLIMIT_CPU, &cpu) || setrlimit(RLIMIT_CORE, &core))
		child_fail(status_w, SETUP_FAILED, "setrlimit");
	if (deny_extra_syscalls())
		child_fail(status_w, SETUP_FAILED, "system-call filter");
	if (chdir("/box")) /* an earlier stage of the job may have chmod-ed it */
		child_fail(status_w, EXEC_FAILED, "chdir /box");
	umask(022);
	signal(SIGPIPE, SIG_DFL); /* an ignored signal would stay ignored across exec */
	sigset_t none; /* nor would a blocked one (exit_watch.c blocks SIGCHLD) */
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	environ = p->envp;        /* execvp looks argv[0] up in this PATH */
	execvp(p->argv[0], p->argv);
	child_fail(status_w, EXEC_FAILED, p->argv[0]);
}
