/*
 * Killing every process of the job and wiping the sandbox user's writable places.
 *
 * The supervisor is root with CAP_KILL, CAP_SETUID, CAP_SETGID, CAP_SETPCAP and
 * CAP_SYS_NICE;
 * the job runs as the sandbox uid with no capability at all. Killing is kill(-1) as
 * root (CAP_KILL: every process of the container but init and us), never as the
 * sandbox uid, so the job can never act on the supervisor. That kill is proven
 * by the kernel's own count of the container's tasks (pids.current), not by a
 * walk of /proc. The wipe runs with the sandbox uid as fsuid, where the owner's
 * rights apply.
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
#include <sys/msg.h>
#include <sys/sem.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <time.h>
#include <unistd.h>

#include "cgroup.h"
#include "fatal.h"
#include "frame.h"
#include "fs_identity.h"
#include "sandbox.h"
#include "scheduling.h"
#include "template.h"
#include "unix_sockets.h"

#define KILL_BUDGET_NS 2000000000ull
/* Tasks of the container that are not the job's: docker-init and the supervisor, one thread each. */
#define OWN_TASKS 2
#define NOBODY_UID 65534

uid_t sandbox_uid = 1000;

/*
 * A uid an ordinary user may have and no system account does: not root, not
 * below 1000, not nobody, and inside the 65,536 uids that user-namespace
 * remapping and rootless Docker give a container.
 */
void sandbox_uid_init(void)
{
	const char *text = getenv("WARMBOX_SANDBOX_UID");
	if (!text)
		return;
	char *end;
	errno = 0;
	unsigned long uid = strtoul(text, &end, 10);
	if (errno || end == text || *end || text[0] < '0' || text[0] > '9' || uid < 1000 || uid >= NOBODY_UID)
		fatal("WARMBOX_SANDBOX_UID must be a uid from 1000 to 65533, not '%s'", text);
	sandbox_uid = uid;
}

uint64_t now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000u + t.tv_nsec;
}

/*
 * Every System V IPC object of the kernel, as its *_INFO counters say: for a
 * kernel without /proc/sysvipc (gVisor's), where they can't be listed. The
 * supervisor makes none, so each is the job's.
 */
static int ipc_objects_counted(void)
{
	struct shm_info shm = {0};
	struct seminfo sem = {0};
	struct msginfo msg = {0};
	shmctl(0, SHM_INFO, (struct shmid_ds *)&shm);
	semctl(0, 0, SEM_INFO, &sem);
	msgctl(0, MSG_INFO, (struct msqid_ds *)&msg);
	return shm.used_ids + sem.semusz + msg.msgpool;
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
			if (uid != sandbox_uid && cuid != sandbox_uid)
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
 * With a template alive, the kill must spare it (it runs as root): then the
 * supervisor drops CAP_KILL for the kill by taking the sandbox uid as euid, real uid
 * 65534 (saved uid 0, to come back). kill(-1) then reaches exactly the
 * processes whose real or saved uid is the sandbox uid or 65534: every process
 * of the job (none has a capability to leave its uid), never root's. No process of the job
 * can signal us meanwhile: that needs its uid to be our real or saved uid.
 */
void sandbox_kill_all(void)
{
	if (!template_pid()) {
		kill(-1, SIGKILL);
		return;
	}
	if (setresuid(NOBODY_UID, sandbox_uid, 0))
		fatal("setresuid: %s", strerror(errno));
	kill(-1, SIGKILL);
	if (setresuid(0, 0, 0))
		fatal("setresuid back to root: %s", strerror(errno));
}

/*
 * Removes the sandbox user's IPC objects. IPC_RMID needs the owner's euid, so
 * the supervisor takes the sandbox uid as euid for it (real and saved uid stay 0), but only
 * once the kernel counted no task of the job: nothing is left to race it. A
 * kernel that can't list them (gVisor) only counts them: any left ends the
 * supervisor, and the engine replaces the container.
 */
static void remove_ipc(uint64_t deadline)
{
	if (access("/proc/sysvipc", F_OK)) {
		if (ipc_objects_counted())
			fatal("the job left System V IPC objects, which this kernel can't list to remove");
		return;
	}
	while (sandbox_ipc(0)) {
		if (now_ns() > deadline)
			fatal("cannot remove the sandbox user's IPC objects");
		if (setresuid(0, sandbox_uid, 0))
			fatal("setresuid: %s", strerror(errno));
		sandbox_ipc(1);
		if (setresuid(0, 0, 0))
			fatal("setresuid back to root: %s", strerror(errno));
	}
}

/*
 * The container's tasks as its kernel counts them: pids.current, or else (under
 * gVisor, whose Sentry exposes no pids cgroup) sysinfo's count of every task of
 * the kernel, which there is the sandbox's own kernel and holds this container
 * only. On any other kernel sysinfo counts the whole host, never fewer tasks
 * than the container has: the fallback can't prove an unemptied container
 * empty. (Its field has 16 bits; the engine keeps a sandbox's processes far
 * below.) -1 when neither can be read.
 */
static long container_tasks(void)
{
	long tasks = cg_tasks();
	struct sysinfo info;
	if (tasks < 0 && !sysinfo(&info))
		tasks = info.procs;
	return tasks;
}

/*
 * Kills every process of the job until the container's pids cgroup counts only
 * docker-init and the supervisor (a zombie counts until it is reaped, and a
 * thread group whose leader is a zombie counts every live thread), restores the
 * supervisor's scheduling, and with `job_over` (the WIPE) removes the IPC objects and waits
 * until no unix socket of the job is left in flight, nor anything they held (unix_sockets.c).
 * ERROR when the count can't be read or doesn't come down within 2 s, and when sockets
 * of the job are still listed by then.
 */
void sandbox_sweep(int job_over)
{
	uint64_t deadline = now_ns() + KILL_BUDGET_NS;
	for (int i = 0;; i++) {
		/* The stage's main process is reaped already; any other child of ours is the job's
		 * (clone with CLONE_PARENT makes the main process's siblings ours), and its zombie
		 * would count until reaped. */
		for (pid_t reaped; (reaped = waitpid(-1, NULL, WNOHANG | __WALL)) > 0;)
			template_reaped(reaped);
		/* the common case (nothing left) costs this one read */
		long tasks = container_tasks(), own = OWN_TASKS + template_tasks();
		if (tasks < 0)
			fatal("cannot count the container's tasks (pids.current, sysinfo): %s", strerror(errno));
		if (tasks <= own)
			break;
		if (now_ns() > deadline)
			fatal("%ld tasks of the job survive SIGKILL", tasks - own);
		sandbox_kill_all();
		if (i >= 20)
			usleep(500); /* dying processes need a moment, and init must reap them */
		else
			sched_yield();
	}
	if (job_over) {
		remove_ipc(deadline);
		long left = unix_sockets_settle(template_pid(), deadline);
		if (left < 0)
			fatal("cannot list the unix sockets of the job (/proc/net/unix, the collector's probe): %s", strerror(errno));
		if (left)
			fatal("%ld unix sockets of the job outlive it (sent and never received), within 2 s", left);
		if (unix_sockets_released(deadline))
			fatal("cannot prove closed what the job's unix sockets in flight held, within 2 s: %s", strerror(errno));
	}
	sched_restore();
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

/*
 * Takes from the work directory itself (a mount point the wipe keeps, owned by
 * the sandbox user) what a job could have put on it: its extended attributes
 * (user.*, and system.* for POSIX ACLs: a default ACL would shape every file of
 * the next job, and chmod keeps it) and its inode flags (no-atime, no-dump).
 * security.* and trusted.* are the kernel's and root's. Runs with the sandbox uid as fsuid,
 * the owner, after /box was made listable again. Proven by listing the
 * attributes again: none of the job's may be left.
 */
static int clear_box_marks(char *err, size_t errlen)
{
	static char names[XATTR_LIST_MAX];
	const char *what = "inode flags";
	int flags = 0, fd = open("/box", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 || (ioctl(fd, FS_IOC_SETFLAGS, &flags) && errno != ENOTTY && errno != EOPNOTSUPP))
		goto fail;
	close(fd);
	fd = -1;
	for (int pass = 0; pass < 2; pass++) {
		what = "extended attributes";
		ssize_t n = llistxattr("/box", names, sizeof names);
		if (n < 0)
			goto fail;
		for (ssize_t at = 0; at < n; at += strlen(names + at) + 1) {
			what = names + at;
			if (strncmp(what, "user.", 5) && strncmp(what, "system.", 7))
				continue;
			if (pass) {
				errno = EEXIST; /* still there after its removal */
				goto fail;
			}
			if (lremovexattr("/box", what) && errno != ENODATA)
				goto fail;
		}
	}
	return 0;
fail:
	snprintf(err, errlen, "/box: cannot remove %s: %s", what, strerror(errno));
	if (fd >= 0)
		close(fd);
	return -1;
}

/* WIPE: no process, no file, no IPC object of the sandbox user left; then CLEAN. */
void sandbox_wipe(void)
{
	static const char *dirs[] = {"/box", "/tmp", "/dev/shm", "/dev/mqueue"};
	char err[512] = "";
	sandbox_sweep(1);
	fs_become_sandbox_user();
	if (chmod("/box", 0755)) /* also makes it listable again if the program chmod-ed it */
		snprintf(err, sizeof err, "chmod /box: %s", strerror(errno));
	else
		clear_box_marks(err, sizeof err);
	for (int i = 0; i < 4 && !*err; i++) {
		if (i == 3 && access(dirs[i], F_OK))
			break; /* mqueue not mounted */
		empty_tree(dirs[i], err, sizeof err);
	}
	fs_become_root();
	if (*err)
		fatal("wipe: %s", err);
	frame_send(FRAME_CLEAN, NULL, 0);
}
