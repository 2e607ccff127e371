/*
 * What a job can leave behind without a process: a descriptor sent over a unix socket and
 * never received lives in that socket's queue, and a socket sent into its own queue (directly
 * or through others) is then held by nothing but the kernel's collector of such cycles. With it
 * lives everything queued there: a bound abstract name, an flock, deleted files of /tmp, memfds.
 * Killing every process of the job frees none of it. Linux's collector runs on a work queue,
 * scheduled when a unix socket is released while any is in flight, so it may run after the next
 * job started; gVisor (20221219) has none and keeps them as long as the container lives.
 *
 * So, once the job is gone, the supervisor releases a unix socket of its own (Linux then
 * schedules its collector) and waits until /proc/net/unix lists no socket but its own and the
 * template's (the socket pair between them), known by their inodes. Each socket of the job still
 * listed then is held by such a cycle (no process of the job lives to hold one): the caller
 * gives the container up. gVisor lists every unix socket of its kernel there, in flight or not.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sandbox.h"
#include "unix_sockets.h"

/* Sockets the supervisor and the template hold: three today. Beyond, a socket counts as the job's. */
#define MAX_OWN 64
#define FIRST_PAUSE_US 100
#define LONGEST_PAUSE_US 20000

struct own_sockets {
	ino_t inode[MAX_OWN];
	int count;
};

/* Adds the inodes of the sockets open in process `pid` (0: this one); a process gone adds none. */
static void add_open_sockets(struct own_sockets *own, pid_t pid)
{
	char path[32];
	if (pid)
		snprintf(path, sizeof path, "/proc/%d/fd", (int)pid);
	else
		snprintf(path, sizeof path, "/proc/self/fd");
	DIR *dir = opendir(path);
	if (!dir)
		return;
	for (struct dirent *d; (d = readdir(dir));) {
		struct stat st; /* of what the fd link leads to */
		if (d->d_name[0] == '.' || fstatat(dirfd(dir), d->d_name, &st, 0) || !S_ISSOCK(st.st_mode))
			continue;
		if (own->count < MAX_OWN)
			own->inode[own->count++] = st.st_ino;
	}
	closedir(dir);
}

static int is_own(const struct own_sockets *own, unsigned long inode)
{
	for (int i = 0; i < own->count; i++)
		if (own->inode[i] == inode)
			return 1;
	return 0;
}

/* Unix sockets /proc/net/unix lists that are not `own`; -1 when it can't be read. */
static long others_listed(const struct own_sockets *own)
{
	FILE *list = fopen("/proc/net/unix", "re");
	if (!list)
		return -1;
	/* Lines are far shorter (a path has at most 108 bytes). A job's socket name with a newline
	 * in it adds lines: they can only make the count larger, never hide its socket's own line. */
	char line[512];
	long others = 0;
	int header = 1;
	while (fgets(line, sizeof line, list)) {
		unsigned long inode;
		/* Num RefCount Protocol Flags Type St Inode [Path]; a socket not yet accepted has inode 0 */
		if (!header && sscanf(line, "%*s %*s %*s %*s %*s %*s %lu", &inode) == 1 && !is_own(own, inode))
			others++;
		header = 0;
	}
	int failed = ferror(list);
	fclose(list);
	return failed ? -1 : others;
}

/* Linux schedules its collector of unix socket cycles when one is released while any is in flight. */
static void release_a_unix_socket(void)
{
	int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd >= 0)
		close(fd);
}

long unix_sockets_settle(pid_t other_owner, uint64_t deadline)
{
	struct own_sockets own = {.count = 0};
	add_open_sockets(&own, 0);
	if (other_owner > 0)
		add_open_sockets(&own, other_owner);
	for (unsigned pause = FIRST_PAUSE_US;; pause = pause * 2 < LONGEST_PAUSE_US ? pause * 2 : LONGEST_PAUSE_US) {
		long left = others_listed(&own);
		if (left <= 0 || now_ns() >= deadline)
			return left;
		release_a_unix_socket();
		uint64_t until_deadline_us = (deadline - now_ns()) / 1000 + 1;
		usleep(pause < until_deadline_us ? pause : until_deadline_us);
	}
}
