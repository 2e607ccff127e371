/*
 * Drives the supervisor's unix_sockets_settle and unix_sockets_released
 * (images/runner-base/supervisor/unix_sockets.c) in a network namespace of its own, where
 * /proc/net/unix lists its sockets alone, and a mount namespace of its own, where it mounts a
 * tmpfs (run it as root in the user namespace with `unshare --net --pid --fork --mount-proc`).
 * argv[1] is a build of programs/inflight-cycle.c, argv[2] how many rounds of the late release
 * to plant (1 to 10; each holds 48 MiB of a 64 MiB tmpfs until collected, so 1 where nothing
 * collects). Prints key=value lines;
 * unix-sockets-settle.test.ts says what each must be.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/statvfs.h>
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

/* The child's wait status (-1 when it can't be had). */
static int wait_for(pid_t pid)
{
	int status = -1;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return status;
}

/* Sends `n` descriptors (at most 253, SCM_MAX_FD) over `via` with SCM_RIGHTS; 0 when sent. */
static int send_fds(int via, const int *fds, int n)
{
	union {
		char space[CMSG_SPACE(253 * sizeof(int))];
		struct cmsghdr align;
	} control = {0};
	char byte = 'x';
	struct iovec iov = {&byte, 1};
	struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control.space, .msg_controllen = CMSG_SPACE(n * sizeof(int))};
	struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(n * sizeof(int));
	memcpy(CMSG_DATA(c), fds, n * sizeof(int));
	return sendmsg(via, &msg, 0) == 1 ? 0 : -1;
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
		_exit(send_fds(pair[0], fds, 3) ? 1 : 0);
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

/* The late release (isolation/programs/late-release.py, on a tmpfs of our own): LATE_FILES
 * unlinked files of 1 MiB and an flock on LOCK_NAME in the queue of a socket S, S in the queue
 * of a socket in its own queue; every descriptor closed. The lock goes last: the kernel drops a
 * message's descriptors last to first, and a pass of deferred closes closes the newest first,
 * so the lock is closed after the files. */
#define LATE_FILES 48
static const char LOCK_NAME[] = "lock";

/* 1 when planted. */
static int plant_late_release(int dir)
{
	pid_t pid = fork();
	if (pid == 0) {
		static char mib[1 << 20];
		int held[LATE_FILES + 1], s[2], cycle[2];
		for (int i = 0; i < LATE_FILES; i++) {
			char name[32];
			snprintf(name, sizeof name, "held-%d", i);
			held[i] = openat(dir, name, O_RDWR | O_CREAT | O_TRUNC, 0600);
			if (held[i] < 0 || write(held[i], mib, sizeof mib) != sizeof mib || unlinkat(dir, name, 0))
				_exit(1);
		}
		held[LATE_FILES] = openat(dir, LOCK_NAME, O_RDONLY);
		if (held[LATE_FILES] < 0 || flock(held[LATE_FILES], LOCK_EX | LOCK_NB) ||
		    socketpair(AF_UNIX, SOCK_DGRAM, 0, s) || socketpair(AF_UNIX, SOCK_DGRAM, 0, cycle) ||
		    send_fds(s[0], held, LATE_FILES + 1))
			_exit(1);
		int chain[2] = {cycle[1], s[1]};
		_exit(send_fds(cycle[0], chain, 2) ? 1 : 0);
	}
	return wait_for(pid) == 0;
}

/* What the kernel still holds of a planted round: 1 when the lock or space of the tmpfs is held. */
static int still_held(int dir)
{
	int lock = openat(dir, LOCK_NAME, O_RDONLY | O_CLOEXEC);
	int locked = flock(lock, LOCK_EX | LOCK_NB) != 0;
	close(lock);
	struct statvfs fs;
	int space = fstatvfs(dir, &fs) || fs.f_blocks != fs.f_bfree;
	return locked || space;
}

/* Rounds of plant, settle (clean where a collector runs), a look, the probes, a look. */
static void late_release_rounds(int rounds)
{
	char dir_path[] = "/tmp/warmbox-late-XXXXXX";
	if (!mkdtemp(dir_path) || mount("warmbox-late", dir_path, "tmpfs", 0, "size=64m,mode=0700")) {
		printf("late-tmpfs=%d\n", -errno);
		return;
	}
	int dir = open(dir_path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	close(openat(dir, LOCK_NAME, O_WRONLY | O_CREAT | O_CLOEXEC, 0600));
	int planted = 0, listed = 0, failed = 0, held_after_settle = 0, held_after_probes = 0;
	for (int round = 0; round < rounds; round++) {
		planted += plant_late_release(dir);
		listed += unix_sockets_settle(0, now_ns() + 2000 * MS) != 0;
		held_after_settle += still_held(dir);
		failed += unix_sockets_released(now_ns() + 2000 * MS) != 0;
		held_after_probes += still_held(dir);
	}
	printf("late-rounds=%d\n", rounds);
	printf("late-planted=%d\n", planted);
	printf("late-listed=%d\n", listed);
	printf("late-held-after-settle=%d\n", held_after_settle);
	printf("late-probes-failed=%d\n", failed);
	printf("late-held-after-probes=%d\n", held_after_probes);
	close(dir);
	umount(dir_path);
	rmdir(dir_path);
}

/* What the probes cost a WIPE whose job left no socket (microseconds, sorted samples). */
static int by_value(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static void probe_cost(void)
{
	enum { SAMPLES = 50 };
	uint64_t us[SAMPLES];
	for (int i = 0; i < SAMPLES; i++) {
		uint64_t start = now_ns();
		if (unix_sockets_released(now_ns() + 2000 * MS))
			us[i] = UINT64_MAX;
		else
			us[i] = (now_ns() - start) / 1000;
	}
	qsort(us, SAMPLES, sizeof us[0], by_value);
	printf("probes-us-min=%llu\n", (unsigned long long)us[0]);
	printf("probes-us-median=%llu\n", (unsigned long long)us[SAMPLES / 2]);
	printf("probes-us-max=%llu\n", (unsigned long long)us[SAMPLES - 1]);
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	int late_rounds = argc == 3 ? atoi(argv[2]) : 0;
	if (late_rounds < 1 || late_rounds > 10) {
		fprintf(stderr, "usage: %s INFLIGHT_CYCLE_PROGRAM LATE_ROUNDS (1 to 10)\n", argv[0]);
		return 2;
	}

	if (unix_sockets_init())
		return 2;
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

	late_release_rounds(late_rounds);
	probe_cost();
	return 0;
}
