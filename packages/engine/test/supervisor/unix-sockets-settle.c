/*
 * Drives the supervisor's unix_sockets_settle (images/runner-base/supervisor/unix_sockets.c) in
 * a network namespace of its own, where /proc/net/unix lists its sockets alone (run it with
 * `unshare --net --pid --fork --mount-proc`). argv[1] is a build of programs/inflight-cycle.c.
 * Prints key=value lines; unix-sockets-settle.test.ts says what each must be.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sandbox.h"
#include "unix_sockets.h"

#define MS 1000000ull

static const char QUIET_NAME[] = "\0warmbox-settle-test";
static const char ATTACK_NAME[] = "\0warmbox-inflight-cycle";

static socklen_t abstract(struct sockaddr_un *addr, const char *name, size_t len)
{
	*addr = (struct sockaddr_un){.sun_family = AF_UNIX};
	memcpy(addr->sun_path, name, len);
	return offsetof(struct sockaddr_un, sun_path) + len;
}

/* 0 when the abstract name can be bound now (then it is released again), else -errno. */
static int bind_result(const char *name, size_t len)
{
	struct sockaddr_un addr;
	socklen_t addr_len = abstract(&addr, name, len);
	int fd = socket(AF_UNIX, SOCK_DGRAM, 0);
	int r = bind(fd, (struct sockaddr *)&addr, addr_len) ? -errno : 0;
	close(fd);
	return r;
}

static void wait_for(pid_t pid)
{
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
}

/*
 * A child leaves a cycle that no release of a unix socket has announced yet: a socket pair
 * and a socket bound to QUIET_NAME, all three in the queue of the pair's second end, every
 * descriptor closed. (inflight-cycle.c closes one end of its pair outside the cycle, which
 * already schedules Linux's collector.)
 */
static void plant_quiet_cycle(void)
{
	pid_t pid = fork();
	if (pid == 0) {
		int pair[2], named = socket(AF_UNIX, SOCK_DGRAM, 0);
		struct sockaddr_un addr;
		socklen_t len = abstract(&addr, QUIET_NAME, sizeof QUIET_NAME - 1);
		if (socketpair(AF_UNIX, SOCK_DGRAM, 0, pair) || bind(named, (struct sockaddr *)&addr, len))
			_exit(1);
		int fds[3] = {pair[0], pair[1], named};
		union {
			char space[CMSG_SPACE(sizeof fds)];
			struct cmsghdr align;
		} control = {0};
		char byte = 'x';
		struct iovec iov = {&byte, 1};
		struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control.space, .msg_controllen = sizeof control.space};
		struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof fds);
		memcpy(CMSG_DATA(c), fds, sizeof fds);
		_exit(sendmsg(pair[0], &msg, 0) == 1 ? 0 : 1);
	}
	wait_for(pid);
}

/* Runs inflight-cycle.c (1 MiB of /tmp) to its end; its stdout goes to ours. */
static void run_attack(const char *program)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_RDONLY);
		dup2(null, 0);
		execl(program, program, "1", (char *)NULL);
		_exit(127);
	}
	wait_for(pid);
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	if (argc != 2) {
		fprintf(stderr, "usage: %s INFLIGHT_CYCLE_PROGRAM\n", argv[0]);
		return 2;
	}

	/* A process that holds one end of a pair, as the template does. */
	int pair[2];
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair))
		return 2;
	pid_t holder = fork();
	if (holder == 0) {
		close(pair[0]);
		pause();
		_exit(0);
	}
	close(pair[1]);
	/* its fd table may still be ours for a moment after fork */
	usleep(100000);
	printf("own-left=%ld\n", unix_sockets_settle(holder, now_ns() + 2000 * MS));
	printf("survivor-left=%ld\n", unix_sockets_settle(0, now_ns() + 200 * MS));
	kill(holder, SIGKILL);
	wait_for(holder);
	close(pair[0]);

	/* Another release of a unix socket (anywhere) may let the collector in before the first look. */
	long left = 0;
	int tries = 0;
	while (!left && tries++ < 5) {
		plant_quiet_cycle();
		left = unix_sockets_settle(0, now_ns());
	}
	printf("quiet-cycle-no-budget-left=%ld\n", left);
	uint64_t start = now_ns();
	printf("quiet-cycle-left=%ld\n", unix_sockets_settle(0, now_ns() + 2000 * MS));
	printf("quiet-cycle-settled-us=%llu\n", (unsigned long long)(now_ns() - start) / 1000);
	printf("quiet-cycle-bind=%d\n", bind_result(QUIET_NAME, sizeof QUIET_NAME - 1));

	run_attack(argv[1]);
	start = now_ns();
	printf("attack-left=%ld\n", unix_sockets_settle(0, now_ns() + 2000 * MS));
	printf("attack-settled-us=%llu\n", (unsigned long long)(now_ns() - start) / 1000);
	printf("attack-bind=%d\n", bind_result(ATTACK_NAME, sizeof ATTACK_NAME - 1));
	int passwd = open("/etc/passwd", O_RDONLY | O_CLOEXEC);
	printf("attack-flock=%d\n", flock(passwd, LOCK_EX | LOCK_NB) ? -errno : 0);
	close(passwd);
	return 0;
}
