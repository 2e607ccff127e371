/*
 * Killing the sandbox user's processes and wiping its writable places.
 *
 * The supervisor is root but holds only CAP_SETUID/CAP_SETGID: it can't signal
 * the user's processes, nor override file permissions. So killing is done with
 * effective uid 1000 (kill(-1) then reaches exactly that user), and the wipe
 * runs with fsuid 1000, where the owner's rights apply.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/fsuid.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "supervisor.h"

#define KILL_BUDGET_NS 2000000000ull

uint64_t now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000u + t.tv_nsec;
}

/*
 * Does a live (non-zombie) process of the sandbox user exist, other than
 * `self`? Reads the real/effective/saved uids from /proc/PID/status: the owner
 * of /proc/PID itself is root for a non-dumpable process, so it can't be used.
 */
static int sandbox_procs_alive(pid_t self)
{
	DIR *d = opendir("/proc");
	if (!d)
		fatal("cannot read /proc: %s", strerror(errno));
	struct dirent *e;
	int found = 0;
	while (!found && (e = readdir(d))) {
		char *end, path[64], st[1024];
		long pid = strtol(e->d_name, &end, 10);
		if (*end || pid <= 0 || pid == self)
			continue;
		snprintf(path, sizeof path, "/proc/%ld/status", pid);
		int fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue; /* gone meanwhile */
		ssize_t n = read(fd, st, sizeof st - 1);
		close(fd);
		if (n <= 0)
			continue;
		st[n] = 0;
		char *state = strstr(st, "\nState:\t"), *uid = strstr(st, "\nUid:\t");
		unsigned r, eu, s;
		if (!state || !uid || sscanf(uid, "\nUid:\t%u\t%u\t%u", &r, &eu, &s) != 3)
			continue;
		if (state[8] == 'Z' || state[8] == 'X')
			continue; /* dead; its parent (docker-init, or us) reaps it */
		found = r == SANDBOX_UID || eu == SANDBOX_UID || s == SANDBOX_UID;
	}
	closedir(d);
	return found;
}

/*
 * Counts (and with `remove`, deletes) the System V IPC objects the sandbox user
 * owns or created. The columns are found by name in each file's header.
 */
static int sandbox_ipc(int remove)
{
	static const char *kinds[] = {"shm", "sem", "msg"};
	int count = 0;
	for (int k = 0; k < 3; k++) {
		char path[32], *line = NULL;
		size_t cap = 0;
		snprintf(path, sizeof path, "/proc/sysvipc/%s", kinds[k]);
		FILE *f = fopen(path, "re");
		if (!f)
			continue; /* no SysV IPC in this kernel */
		int col_uid = -1, col_cuid = -1, header = 1;
		while (getline(&line, &cap, f) > 0) {
			long id = -1, uid = -1, cuid = -1;
			int col = 0;
			for (char *save, *t = strtok_r(line, " \t\n", &save); t; t = strtok_r(NULL, " \t\n", &save), col++) {
				if (header) {
					if (!strcmp(t, "uid"))
						col_uid = col;
					else if (!strcmp(t, "cuid"))
						col_cuid = col;
				} else if (col == 1) {
					id = atol(t);
				} else if (col == col_uid) {
					uid = atol(t);
				} else if (col == col_cuid) {
					cuid = atol(t);
				}
			}
			if (header) {
				header = 0;
				continue;
			}
			if (uid != SANDBOX_UID && cuid != SANDBOX_UID)
				continue;
			count++;
			if (remove && k == 0)
				shmctl(id, IPC_RMID, NULL);
			else if (remove && k == 1)
				semctl(id, 0, IPC_RMID);
			else if (remove)
				msgctl(id, IPC_RMID, NULL);
		}
		free(line);
		fclose(f);
	}
	return count;
}

/*
 * Sends SIGKILL to every process of the sandbox user, from the supervisor
 * itself with effective uid 1000 (real and saved uid stay 0, so it can switch
 * back). It used to fork a killer child that became uid 1000, but a fork bomb
 * holds every pid of the cgroup: that fork failed with EAGAIN and a user's
 * program turned into an engine fault (internal_error). kill(-1) with euid 1000
 * reaches exactly the processes whose real or saved uid is 1000 (plus root
 * ones, through our real uid 0: only init, which kill(-1) skips, and a stage
 * child that hasn't dropped privileges yet, which must die anyway). Meanwhile
 * the user still can't signal or trace us: our real and saved uids are 0.
 */
static void kill_as_sandbox_user(int with_ipc)
{
	if (setresuid(0, SANDBOX_UID, 0))
		fatal("setresuid: %s", strerror(errno));
	kill(-1, SIGKILL);
	if (with_ipc)
		sandbox_ipc(1); /* IPC_RMID needs the owner's euid */
	/* Back to euid 0: permitted, since 0 is our real uid; the effective capabilities return. */
	if (setresuid(0, 0, 0))
		fatal("setresuid back to root: %s", strerror(errno));
}

/*
 * Kills every process of the sandbox user (and with `with_ipc`, removes its
 * IPC objects), and proves it; ERROR if that takes more than 2 s. `stage_pid`
 * is a stage child not yet reaped: if it hasn't dropped to uid 1000 yet, only
 * the supervisor can kill it.
 */
void sandbox_kill(pid_t stage_pid, int with_ipc)
{
	if (stage_pid > 0)
		kill(stage_pid, SIGKILL);
	uint64_t deadline = now_ns() + KILL_BUDGET_NS;
	for (int i = 0;; i++) {
		/* The common case (nothing left) costs a /proc scan, no syscall more. */
		int procs = sandbox_procs_alive(getpid());
		int ipc = with_ipc ? sandbox_ipc(0) : 0;
		if (!procs && !ipc)
			return;
		if (now_ns() > deadline)
			fatal(procs ? "processes of the sandbox user survive SIGKILL"
				    : "cannot remove the sandbox user's IPC objects");
		kill_as_sandbox_user(with_ipc);
		if (i >= 20)
			usleep(500); /* dying processes need a moment to turn into zombies */
		else
			sched_yield();
	}
}

/*
 * Removes one entry of the directory `dfd` without following links. Returns 0
 * when it is gone, 1 with *child open when it is a non-empty directory to
 * descend into, -1 on failure (errno set).
 */
static int remove_entry(int dfd, const char *name, unsigned char type, dev_t dev, int *child)
{
	struct stat st;
	if (type == DT_UNKNOWN) {
		if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW))
			return -1;
		type = S_ISDIR(st.st_mode) ? DT_DIR : DT_REG;
	}
	if (type != DT_DIR)
		return unlinkat(dfd, name, 0) ? -1 : 0;
	if (!unlinkat(dfd, name, AT_REMOVEDIR))
		return 0;
	if (errno != ENOTEMPTY && errno != EEXIST)
		return -1;
	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW))
		return -1;
	if (!S_ISDIR(st.st_mode) || st.st_dev != dev) {
		errno = EXDEV; /* another mount: never cross into it */
		return -1;
	}
	/* Owner rights to list and empty it. No process of the user is left to swap it for a link. */
	if ((st.st_mode & 0700) != 0700 && fchmodat(dfd, name, 0700, 0))
		return -1;
	*child = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	return *child < 0 ? -1 : 1;
}

/*
 * Empties the directory tree at `root` (a mount point), depth first, with one
 * open directory at a time: a directory that can't be removed yet is entered,
 * and ".." leads back up, so any depth needs neither stack nor descriptors.
 * A directory counts as empty only after a pass over it saw no entry at all,
 * which is also the proof that CLEAN promises (PROTOCOL.md).
 */
static int empty_tree(const char *root, char *err, size_t errlen)
{
	static char dents[32768];
	int fd = open(root, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		snprintf(err, errlen, "%s: %s", root, strerror(errno));
		return -1;
	}
	struct stat st;
	fstat(fd, &st);
	dev_t dev = st.st_dev;
	const char *what = root;
	for (unsigned depth = 0;;) {
		int seen = 0, child = -1;
		ssize_t n = 0;
		what = root;
		if (lseek(fd, 0, SEEK_SET) < 0)
			goto fail;
		while (child < 0 && (n = getdents64(fd, dents, sizeof dents)) > 0) {
			for (ssize_t pos = 0; pos < n;) {
				struct dirent64 *d = (struct dirent64 *)(dents + pos);
				pos += d->d_reclen;
				if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
					continue;
				seen++;
				what = d->d_name;
				int r = remove_entry(fd, d->d_name, d->d_type, dev, &child);
				if (r < 0)
					goto fail;
				if (r > 0)
					break;
			}
		}
		if (n < 0)
			goto fail;
		if (child >= 0) {
			close(fd);
			fd = child;
			depth++;
		} else if (!seen) {
			if (!depth)
				break;
			int parent = openat(fd, "..", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
			if (parent < 0)
				goto fail;
			close(fd);
			fd = parent;
			depth--;
		}
		/* else: everything seen was removed; pass again to prove emptiness */
	}
	close(fd);
	return 0;
fail:
	snprintf(err, errlen, "%s: cannot remove %s: %s", root, what, strerror(errno));
	close(fd);
	return -1;
}

/* WIPE: no process, no file, no IPC object of the sandbox user left; then CLEAN. */
void sandbox_wipe(void)
{
	static const char *dirs[] = {"/box", "/tmp", "/dev/shm", "/dev/mqueue"};
	char err[512] = "";
	sandbox_kill(0, 1);
	setfsgid(SANDBOX_GID);
	setfsuid(SANDBOX_UID);
	if (setfsuid(-1) != SANDBOX_UID) /* setfsuid reports failure only this way */
		fatal("setfsuid: not permitted");
	if (chmod("/box", 0755)) /* also makes it listable again if the program chmod-ed it */
		snprintf(err, sizeof err, "chmod /box: %s", strerror(errno));
	for (int i = 0; i < 4 && !*err; i++) {
		if (i == 3 && access(dirs[i], F_OK))
			break; /* mqueue not mounted */
		empty_tree(dirs[i], err, sizeof err);
	}
	setfsuid(0);
	setfsgid(0);
	if (*err)
		fatal("wipe: %s", err);
	frame_send(T_CLEAN, NULL, 0);
}
