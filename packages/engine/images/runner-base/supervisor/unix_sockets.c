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
 *
 * A socket leaves that list before what its queue held is closed. Where the collector runs in a
 * kernel worker (net/unix/garbage.c: unix_gc_work on system_unbound_wq, as on 6.18; older
 * kernels ran it in the task releasing a socket, whose task_work closes what it drops before
 * close() returns), a file that a kernel thread drops for the last time is not closed there:
 * fput() (fs/file_table.c) puts it on delayed_fput_list and schedules delayed_fput_work one
 * jiffy later, whose pass takes the whole list (llist_del_all) and closes it newest first. The
 * collector's drop of a socket S in a cycle closes S in one pass; S's release drops the files of
 * its queue from that pass's worker, so they are closed in the next pass (and what a socket
 * among them held, in the one after). Hence the probes (unix_sockets_released): cycles of our
 * own, each holding a pipe's write end, whose end of file says that a pass has started.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
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

/*
 * A probe: a socket pair whose second end and a pipe's write end are in that end's own queue,
 * every descriptor of ours closed but the pipe's read end. Only the collector frees the cycle,
 * and the pipe's end of file comes when the write end is closed: on a kernel whose collector
 * runs in a worker, in a pass of delayed_fput_work.
 */
struct probe {
	int read_end;
	ino_t sockets[2];
};

static int send_into_own_queue(int via, int socket_end, int write_end)
{
	int fds[2] = {socket_end, write_end};
	union {
		char space[CMSG_SPACE(sizeof fds)];
		struct cmsghdr align;
	} control = {0};
	char byte = 'p';
	struct iovec iov = {&byte, 1};
	struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control.space, .msg_controllen = sizeof control.space};
	struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof fds);
	memcpy(CMSG_DATA(c), fds, sizeof fds);
	return sendmsg(via, &msg, 0) == 1 ? 0 : -1;
}

/* Plants a probe; the release of the pair's first end, last, schedules the collector.
 * -1 on failure (errno set). */
static int probe_start(struct probe *probe)
{
	int pair[2], pipe_ends[2];
	if (socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, pair))
		return -1;
	if (pipe2(pipe_ends, O_CLOEXEC)) {
		int saved = errno;
		close(pair[0]);
		close(pair[1]);
		errno = saved;
		return -1;
	}
	struct stat first, second;
	int failed = fstat(pair[0], &first) || fstat(pair[1], &second) || send_into_own_queue(pair[0], pair[1], pipe_ends[1]);
	int saved = errno;
	close(pipe_ends[1]);
	close(pair[1]);
	close(pair[0]);
	if (failed) {
		close(pipe_ends[0]);
		errno = saved;
		return -1;
	}
	*probe = (struct probe){.read_end = pipe_ends[0], .sockets = {first.st_ino, second.st_ino}};
	return 0;
}

/*
 * 1 when the probe's pipe reached its end of file by `deadline`, 0 if not, -1 on failure (errno
 * set). The collector is scheduled again after each slice of the wait: a release while it runs
 * (for any container of the host: it is one for the whole kernel) schedules nothing, and the run
 * may have passed our cycle by.
 */
#define PROBE_SLICE_MS 10
#define PROBE_LONGEST_SLICE_MS 40
static int probe_ended(const struct probe *probe, uint64_t deadline)
{
	for (int slice_ms = PROBE_SLICE_MS;; slice_ms = slice_ms * 2 < PROBE_LONGEST_SLICE_MS ? slice_ms * 2 : PROBE_LONGEST_SLICE_MS) {
		uint64_t now = now_ns();
		int until_deadline_ms = now >= deadline ? 0 : (int)((deadline - now + 999999) / 1000000);
		struct pollfd end = {.fd = probe->read_end, .events = POLLIN};
		int ready = poll(&end, 1, slice_ms < until_deadline_ms ? slice_ms : until_deadline_ms);
		if (ready < 0 && errno != EINTR)
			return -1;
		if (ready > 0) {
			char byte;
			ssize_t n = read(probe->read_end, &byte, 1);
			if (n == 0)
				return 1;
			if (n < 0 && errno != EINTR && errno != EAGAIN)
				return -1;
		}
		if (ready == 0 && now_ns() >= deadline)
			return 0;
		release_a_unix_socket();
	}
}

/*
 * Whether the kernel collects cycles, told by a probe planted at start-up: Linux ends it within
 * a few jiffies, gVisor never (its sockets stay listed, and count as our own). The first WIPE
 * waits for the end until COLLECTOR_ANSWER_NS after start-up, and at least
 * COLLECTOR_LAST_WAIT_NS (scheduling the collector again), less than the sweep's budget; each
 * later WIPE until it ends schedules the collector and looks once more. A Linux whose kernel
 * worker a load delayed that long is taken for a kernel without collector until then: sockets
 * of the job left listed still mean ERROR, but what the probes after the list prove is not
 * proven in that WIPE.
 */
#define COLLECTOR_ANSWER_NS 1000000000ull
#define COLLECTOR_LAST_WAIT_NS 200000000ull
static struct {
	struct probe probe;
	uint64_t answer_by;
	int waited, present;
} collector = {.probe = {.read_end = -1}};

int unix_sockets_init(void)
{
	if (probe_start(&collector.probe))
		return -1;
	collector.answer_by = now_ns() + COLLECTOR_ANSWER_NS;
	return 0;
}

/* 1 when the kernel collects cycles, 0 when it hasn't shown it yet, -1 on failure (errno set). */
static int collector_present(void)
{
	if (collector.present)
		return 1;
	uint64_t until = now_ns();
	if (!collector.waited) {
		collector.waited = 1;
		until += COLLECTOR_LAST_WAIT_NS;
		if (collector.answer_by > until)
			until = collector.answer_by;
	} else {
		release_a_unix_socket();
	}
	int ended = probe_ended(&collector.probe, until);
	if (ended > 0) {
		collector.present = 1;
		close(collector.probe.read_end);
		collector.probe.read_end = -1;
	}
	return ended;
}

long unix_sockets_settle(pid_t other_owner, uint64_t deadline)
{
	struct own_sockets own = {.count = 0};
	add_open_sockets(&own, 0);
	if (other_owner > 0)
		add_open_sockets(&own, other_owner);
	int present = collector_present();
	if (present < 0)
		return -1;
	/* Without a collector the start-up probe's sockets stay listed (with one, they are gone). */
	for (int i = 0; !present && i < 2 && own.count < MAX_OWN; i++)
		own.inode[own.count++] = collector.probe.sockets[i];
	for (unsigned pause = FIRST_PAUSE_US;; pause = pause * 2 < LONGEST_PAUSE_US ? pause * 2 : LONGEST_PAUSE_US) {
		long left = others_listed(&own);
		if (left <= 0 || now_ns() >= deadline)
			return left;
		release_a_unix_socket();
		uint64_t until_deadline_us = (deadline - now_ns()) / 1000 + 1;
		usleep(pause < until_deadline_us ? pause : until_deadline_us);
	}
}

/*
 * Called once /proc/net/unix lists no socket of the job: the last of them, D, left it when a
 * pass P of delayed_fput_work (or the collector itself) released it, and what D's queue held was
 * queued for closing before P ended. A socket among those, were it still open, would be listed;
 * so nothing of the job waits for a pass after P (each deeper socket of a chain was listed
 * until its own pass: while one is, the loop above goes on). The first probe's write end is
 * queued after we looked, so after P took its list: its end of file says that a later pass Q
 * has started, hence that P is done, and Q closes what P queued, maybe after the probe's pipe
 * (newest first).
 * The second probe is planted after that end of file, so its write end is queued after Q took
 * the list, and a work item never runs twice at once (kernel/workqueue.c queues it behind
 * itself, on the pool where it runs): its end of file comes after Q, hence P, is done.
 */
int unix_sockets_released(uint64_t deadline)
{
	int present = collector_present();
	if (present <= 0)
		return present;
	for (int i = 0; i < 2; i++) {
		struct probe probe;
		if (probe_start(&probe))
			return -1;
		int ended = probe_ended(&probe, deadline);
		int saved = errno;
		close(probe.read_end);
		if (ended <= 0) {
			errno = ended ? saved : ETIMEDOUT;
			return -1;
		}
	}
	return 0;
}
