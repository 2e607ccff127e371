/*
 * warmbox-supervisor: runs inside every warm runner container and executes
 * jobs for the engine over stdin/stdout. The protocol is in PROTOCOL.md.
 *
 * This file reads the frames between stages (FILE, stdin for the next stage,
 * COLLECT, WIPE). The other modules, each with the header of what it offers:
 *   protocol.h   the protocol's constants (frame types, flags, sizes)
 *   frame        reading and sending frames
 *   stage        one RUN: the program's pipes, frames and limits until its EXIT
 *   child        the forked child, up to the exec of the program
 *   sandbox      killing every process of the job, and the WIPE
 *   unix_sockets waiting out the unix sockets a job left in flight
 *   collect      COLLECT: the regular files of /box, out to the engine
 *   cgroup       the container's counters (CPU, OOM kills, tasks)
 *   scheduling   the supervisor's own scheduling, put back after every sweep
 *   fatal        ending the supervisor (quit, fatal)
 *   buf          a growable byte buffer
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "collect.h"
#include "fatal.h"
#include "frame.h"
#include "fs_identity.h"
#include "sandbox.h"
#include "scheduling.h"
#include "stage.h"
#include "unix_sockets.h"

/* HELLO carries the toolchain's version, trimmed. */
static void hello(void)
{
	char v[256];
	ssize_t n = -1;
	int fd = open("/etc/warmbox/version", O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		n = read(fd, v, sizeof v);
		close(fd);
	}
	size_t start = 0, end = n > 0 ? n : 0;
	while (start < end && strchr(" \t\r\n", v[start]))
		start++;
	while (end > start && strchr(" \t\r\n", v[end - 1]))
		end--;
	frame_send(FRAME_HELLO, v + start, end - start);
}

/* Writes all of `data` to a new file; 0 or an errno. */
static int write_file(int dfd, const char *name, uint32_t mode, const uint8_t *data, size_t len)
{
	int fd = openat(dfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return errno;
	while (len) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;
			close(fd);
			return e;
		}
		data += n;
		len -= n;
	}
	/* fchmod: the mode exactly as given, whatever the umask */
	int e = fchmod(fd, mode & 0777) ? errno : 0;
	return close(fd) && !e ? errno : e;
}

/*
 * FILE: u32 mode, name, NUL, content. Created below /box as the sandbox user
 * (fsuid), one path segment at a time, never following a link.
 */
static void put_file(const uint8_t *p, size_t len)
{
	const uint8_t *nul = len > 4 ? memchr(p + 4, 0, len - 4) : NULL;
	if (!nul)
		fatal("FILE without a NUL-terminated name");
	uint32_t mode = get_u32(p);
	char name[4096];
	size_t nlen = nul - (p + 4);
	if (nlen == 0 || nlen >= sizeof name)
		fatal("FILE name empty or too long");
	memcpy(name, p + 4, nlen + 1);
	/* Also refuses "." segments, as the engine does. */
	for (char *seg = name, *slash;; seg = slash + 1) {
		slash = strchr(seg, '/');
		size_t l = slash ? (size_t)(slash - seg) : strlen(seg);
		if (!l || (l == 1 && seg[0] == '.') || (l == 2 && seg[0] == '.' && seg[1] == '.'))
			fatal("FILE name '%s' is absolute or has an empty, '.' or '..' segment", name);
		if (!slash)
			break;
	}

	fs_become_sandbox_user();
	int err = 0, dfd = open("/box", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	char *seg = name, *slash;
	if (dfd < 0)
		err = errno;
	while (!err && (slash = strchr(seg, '/'))) {
		*slash = 0;
		int sub = openat(dfd, seg, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (sub < 0 && errno == ENOENT && !mkdirat(dfd, seg, 0755))
			sub = openat(dfd, seg, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (sub < 0)
			err = errno;
		close(dfd);
		dfd = sub;
		*slash = '/';
		seg = slash + 1;
	}
	if (!err)
		err = write_file(dfd, seg, mode, nul + 1, len - (nul + 1 - p));
	if (dfd >= 0)
		close(dfd);
	fs_become_root();
	if (err)
		fatal("FILE %s: %s", name, strerror(err));
}

int main(void)
{
	signal(SIGPIPE, SIG_IGN); /* a vanished reader is an error return, not our death */
	umask(022);
	hello();
	if (geteuid() != 0)
		fatal("the supervisor must run as root (with only CAP_KILL, CAP_SETUID, CAP_SETGID, CAP_SETPCAP, CAP_SYS_NICE)");
	sandbox_uid_init();
	sched_remember();
	if (unix_sockets_init())
		fatal("cannot plant the probe of the kernel's collector of unix sockets: %s", strerror(errno));

	struct stdin_state in = {0};
	for (;;) {
		uint8_t type;
		const uint8_t *p;
		size_t n;
		while (frame_next(&type, &p, &n)) {
			switch (type) {
			case FRAME_FILE:
				put_file(p, n);
				break;
			case FRAME_RUN:
				stage_run(p, n, &in);
				break;
			case FRAME_STDIN:
				if (!in.discard)
					buf_append(&in.next, p, n);
				break;
			case FRAME_STDIN_END: /* ends the discarding after a streamed stage */
				in.discard = 0;
				break;
			case FRAME_KILL: /* nothing runs */
				break;
			case FRAME_COLLECT:
				collect_box();
				break;
			case FRAME_WIPE:
				buf_free(&in.next);
				in.discard = 0;
				sandbox_wipe();
				break;
			default:
				fatal("unknown frame type 0x%02x", type);
			}
		}
		if (!frame_fill())
			quit(0);
	}
}
