/*
 * COLLECT: the regular files below /box, each as a COLLECTED_FILE frame and its content in
 * COLLECTED_DATA frames, then COLLECT_END (PROTOCOL.md).
 *
 * It runs between stages, when no process of the job is left, so the tree holds still; the walk
 * still never follows a link (fstatat with AT_SYMLINK_NOFOLLOW decides, openat with O_NOFOLLOW
 * opens, and the opened inode must be the one listed), never crosses into another mount, and
 * reads with the sandbox uid as fsuid, the owner of every entry. An entry its owner can't read (a file of mode
 * 0200, a directory without search) is made readable for the moment and gets its mode back, so a
 * next stage finds every mode as it left it.
 *
 * Two walks: the first only counts against the bounds, so a refusal comes before any file; the
 * second sends. The directories being walked are a stack of open descriptors, as deep as the
 * path bound allows (each level adds at least two bytes to a name).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "collect.h"
#include "fatal.h"
#include "frame.h"
#include "fs_identity.h"
#include "sandbox.h"

#define MAX_DEPTH (COLLECT_MAX_PATH / 2 + 1)

/* One directory being walked. */
struct level {
	int fd;
	off_t resume;     /* where its listing goes on after the entry being walked */
	size_t path_len;  /* its name's length in `path` (0 for /box) */
	mode_t mode;      /* its mode as found */
	int made_readable; /* its mode was widened and is put back when it is left */
};

/* What one walk counted (and with `send`, sent). */
struct walk {
	int send;
	uint32_t entries, files;
	uint64_t bytes;
};

static struct level levels[MAX_DEPTH + 1];
static char path[COLLECT_MAX_PATH + 1]; /* the current entry's name, relative to /box */

/*
 * Opens the entry `name` of `dfd`, a regular file or a directory as `st` (its fstatat) says,
 * for reading; *made_readable says whether its mode had to be widened for that.
 */
static int open_entry(int dfd, const char *name, const struct stat *st, int *made_readable)
{
	int dir = S_ISDIR(st->st_mode);
	mode_t need = dir ? 0500 : 0400;
	*made_readable = (st->st_mode & need) != need;
	if (*made_readable && fchmodat(dfd, name, (st->st_mode & 07777) | need, 0))
		fatal("collect: cannot make %s readable: %s", *path ? path : name, strerror(errno));
	int fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC | (dir ? O_DIRECTORY : 0));
	struct stat opened;
	if (fd < 0 || fstat(fd, &opened))
		fatal("collect: cannot open %s: %s", *path ? path : name, strerror(errno));
	if (opened.st_ino != st->st_ino || opened.st_dev != st->st_dev)
		fatal("collect: %s changed while it was collected", *path ? path : name);
	return fd;
}

/* Puts back the mode an entry had when it was found, and closes it. */
static void close_entry(int fd, mode_t mode, int made_readable)
{
	if (made_readable && fchmod(fd, mode & 07777))
		fatal("collect: cannot put a mode back: %s", strerror(errno));
	close(fd);
}

/* COLLECTED_FILE (u32 mode, u64 size, name) and the content in COLLECTED_DATA chunks. */
static void send_file(int dfd, const char *name, const struct stat *st, size_t path_len)
{
	static uint8_t head[12 + COLLECT_MAX_PATH], chunk[CHUNK];
	int made_readable, fd = open_entry(dfd, name, st, &made_readable);
	put_u32(head, st->st_mode & 0777);
	put_u64(head + 4, st->st_size);
	memcpy(head + 12, path, path_len);
	frame_send(FRAME_COLLECTED_FILE, head, 12 + path_len);
	for (uint64_t left = st->st_size; left;) {
		ssize_t n = read(fd, chunk, left < CHUNK ? left : CHUNK);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			fatal("collect: %s: %s", path, n ? strerror(errno) : "shorter than its size");
		frame_send(FRAME_COLLECTED_DATA, chunk, n);
		left -= n;
	}
	close_entry(fd, st->st_mode, made_readable);
}

/*
 * Walks /box depth first, counting every entry and the regular files' sizes against the bounds;
 * with w->send, sends each regular file. Links, fifos, sockets and devices are counted and
 * skipped, as is a directory of another mount. Returns a collect_outcome.
 */
static uint32_t walk_box(struct walk *w)
{
	static char dents[32768];
	uint32_t outcome = COLLECT_DONE;
	unsigned depth = 0;
	struct stat st;
	if (fstatat(AT_FDCWD, "/box", &st, AT_SYMLINK_NOFOLLOW))
		fatal("collect: /box: %s", strerror(errno));
	dev_t dev = st.st_dev;
	*path = 0;
	levels[0] = (struct level){.mode = st.st_mode};
	levels[0].fd = open_entry(AT_FDCWD, "/box", &st, &levels[0].made_readable);
	for (;;) {
		struct level *l = &levels[depth];
		ssize_t n = lseek(l->fd, l->resume, SEEK_SET) < 0 ? -1 : getdents64(l->fd, dents, sizeof dents);
		if (n < 0)
			fatal("collect: cannot list %s: %s", depth ? path : "/box", strerror(errno));
		if (n == 0) { /* this directory is done: back to its parent */
			close_entry(l->fd, l->mode, l->made_readable);
			if (!depth)
				return outcome;
			depth--;
			continue;
		}
		for (ssize_t pos = 0; pos < n;) {
			struct dirent64 *d = (struct dirent64 *)(dents + pos);
			pos += d->d_reclen;
			l->resume = d->d_off;
			if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
				continue;
			if (++w->entries > COLLECT_MAX_ENTRIES) {
				outcome = COLLECT_TOO_MANY_ENTRIES;
				goto refused;
			}
			if (fstatat(l->fd, d->d_name, &st, AT_SYMLINK_NOFOLLOW))
				fatal("collect: cannot stat %s in %s: %s", d->d_name, depth ? path : "/box", strerror(errno));
			int dir = S_ISDIR(st.st_mode);
			if (!S_ISREG(st.st_mode) && !(dir && st.st_dev == dev))
				continue;
			/* A directory's name leaves room for "/" and one byte of a file's name. */
			size_t len = l->path_len + (l->path_len ? 1 : 0) + strlen(d->d_name);
			if (len > COLLECT_MAX_PATH - (dir ? 2 : 0)) {
				outcome = COLLECT_PATH_TOO_LONG;
				goto refused;
			}
			char *end = path + l->path_len;
			if (l->path_len)
				*end++ = '/';
			strcpy(end, d->d_name);
			if (dir) {
				struct level *child = &levels[++depth];
				*child = (struct level){.path_len = len, .mode = st.st_mode};
				child->fd = open_entry(l->fd, d->d_name, &st, &child->made_readable);
				break; /* this listing goes on from l->resume once the child is done */
			}
			w->bytes += st.st_size;
			if (w->bytes > COLLECT_MAX_BYTES) {
				outcome = COLLECT_TOO_MANY_BYTES;
				goto refused;
			}
			w->files++;
			if (w->send)
				send_file(l->fd, d->d_name, &st, len);
		}
	}
refused:
	for (;; depth--) {
		close_entry(levels[depth].fd, levels[depth].mode, levels[depth].made_readable);
		if (!depth)
			return outcome;
	}
}

/* COLLECT: refused (nothing sent) past a bound, else every regular file; then COLLECT_END. */
void collect_box(void)
{
	struct walk counted = {0}, sent = {.send = 1}, *report = &counted;
	fs_become_sandbox_user();
	uint32_t outcome = walk_box(&counted);
	if (outcome == COLLECT_DONE) {
		report = &sent;
		if (walk_box(&sent) != COLLECT_DONE || sent.entries != counted.entries || sent.bytes != counted.bytes)
			fatal("collect: /box changed between the count and the sending");
	}
	fs_become_root();
	uint8_t end[20];
	put_u32(end, outcome);
	put_u32(end + 4, report->entries);
	put_u32(end + 8, report->files);
	put_u64(end + 12, report->bytes);
	frame_send(FRAME_COLLECT_END, end, sizeof end);
}
