/*
 * The language's template ("zygote", PROTOCOL.md "Templates"): an interpreter
 * started once as root, with no user code, that for each stage clones itself
 * with CLONE_PARENT, so the program is our child exactly as after fork and
 * exec. The child becomes the sandbox user and runs the program itself.
 *
 * We talk over a SOCK_SEQPACKET pair (the template's end is its fd 3): once
 * started it says it is ready (i32 0); then per stage one request (limits,
 * argv, env as NUL-terminated strings; the stage's four fds as SCM_RIGHTS)
 * and one answer (i32 pid; 0: "not this program"). A template
 * that doesn't answer in time, answers nonsense or died is killed and started
 * again for the next stage; one that never became ready is not started again.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "sandbox.h"
#include "syscall_filter.h"
#include "template.h"

#define START_TIMEOUT_MS 10000 /* its first answer includes the interpreter's start */
#define ANSWER_TIMEOUT_MS 2000

static pid_t pid;
static int sock = -1;
static int answered; /* it said it was ready */
static int broken;   /* it died or failed before it was ready: not started again */

pid_t template_pid(void)
{
	return pid;
}

int template_tasks(void)
{
	return pid > 0;
}

static void forget(void)
{
	if (sock >= 0)
		close(sock);
	sock = -1;
	pid = 0;
	if (!answered)
		broken = 1;
	answered = 0;
}

void template_reaped(pid_t reaped)
{
	if (reaped > 0 && reaped == pid)
		forget();
}

/* Kills an unhealthy template and reaps it. */
static void discard(void)
{
	if (pid > 0) {
		kill(pid, SIGKILL);
		while (waitpid(pid, NULL, __WALL) < 0 && errno == EINTR)
			;
	}
	forget();
}

/*
 * Starts TEMPLATE_PATH with the stage's env and the sandbox uid as its one
 * argument: stdin an empty pipe, stdout and stderr ours (diagnostics).
 */
static int start(char **envp)
{
	char uid[16];
	snprintf(uid, sizeof uid, "%u", (unsigned)sandbox_uid);
	int sv[2], in[2];
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv))
		return -1;
	if (pipe2(in, O_CLOEXEC)) {
		close(sv[0]);
		close(sv[1]);
		return -1;
	}
	pid = fork();
	if (pid == 0) {
		sigset_t none;
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		signal(SIGPIPE, SIG_DFL);
		setsid();
		/* dup2 clears FD_CLOEXEC; fd 3 would be sv[1] itself only if 0-2 were closed */
		if (dup2(in[0], 0) < 0 || dup2(2, 1) < 0 || dup2(sv[1], 3) < 0)
			_exit(126);
		/* the clones that become programs inherit it: the same filter as child.c's */
		if (deny_extra_syscalls())
			_exit(126);
		execle(TEMPLATE_PATH, TEMPLATE_PATH, uid, (char *)NULL, envp);
		_exit(127);
	}
	close(in[0]);
	close(in[1]);
	close(sv[1]);
	if (pid < 0) {
		close(sv[0]);
		pid = 0;
		return -1;
	}
	sock = sv[0];
	return 0;
}

/* The request: fsize, cpu_ms, argc, then argv and env, each NUL-terminated. */
static int send_request(const struct program *p, const int fds[4])
{
	struct buf req = {0};
	char num[64];
	int argc = 0;
	while (p->argv[argc])
		argc++;
	int n = snprintf(num, sizeof num, "%llu%c%u%c%d", (unsigned long long)p->fsize, 0, p->cpu_ms, 0, argc);
	buf_append(&req, num, n + 1);
	for (char **s = p->argv; *s; s++)
		buf_append(&req, *s, strlen(*s) + 1);
	for (char **s = p->envp; *s; s++)
		buf_append(&req, *s, strlen(*s) + 1);
	union {
		char space[CMSG_SPACE(4 * sizeof(int))];
		struct cmsghdr align;
	} control = {0};
	struct iovec iov = {req.data, req.len};
	struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control.space, .msg_controllen = sizeof control.space};
	struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(4 * sizeof(int));
	memcpy(CMSG_DATA(c), fds, 4 * sizeof(int));
	ssize_t sent;
	while ((sent = sendmsg(sock, &msg, MSG_NOSIGNAL)) < 0 && errno == EINTR)
		;
	int ok = sent == (ssize_t)req.len;
	buf_free(&req);
	return ok ? 0 : -1;
}

/* An answer: a pid, 0 (ready, or "not this program"), -1 for no (valid) answer in time. */
static pid_t read_answer(int timeout)
{
	struct pollfd pf = {.fd = sock, .events = POLLIN};
	int r;
	while ((r = poll(&pf, 1, timeout)) < 0 && errno == EINTR)
		;
	int32_t child;
	if (r != 1 || recv(sock, &child, sizeof child, MSG_DONTWAIT) != sizeof child || child < 0)
		return -1;
	return child;
}

int template_prepare(char **envp)
{
	if (broken)
		return -1;
	if (pid > 0 && waitpid(pid, NULL, WNOHANG | __WALL) == pid)
		forget(); /* killed: started again below */
	if (pid > 0)
		return 0;
	if (start(envp) || read_answer(START_TIMEOUT_MS) != 0) {
		discard();
		return -1;
	}
	answered = 1;
	return 0;
}

pid_t template_fork(const struct program *p, const int fds[4])
{
	if (pid <= 0)
		return -1;
	if (send_request(p, fds)) {
		discard();
		return -1;
	}
	pid_t child = read_answer(ANSWER_TIMEOUT_MS);
	if (child < 0) {
		discard();
		return -1;
	}
	return child ? child : -1;
}
