/*
 * The container's own cgroup counters, as the kernel keeps them. Docker mounts
 * the container's cgroup at /sys/fs/cgroup: on cgroup v1 one directory per
 * controller (/sys/fs/cgroup/<controller>/<file>), on v2 one directory with
 * every file (/sys/fs/cgroup/<file>). Each counter tries the v1 file, then v2.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cgroup.h"

/* A counter file, opened once: `v1` or else `v2`; *is_v2 tells which. -1 when neither. */
static int cg_open(const char *v1, const char *v2, int *is_v2)
{
	int fd = open(v1, O_RDONLY | O_CLOEXEC);
	*is_v2 = fd < 0;
	return fd >= 0 ? fd : open(v2, O_RDONLY | O_CLOEXEC);
}

/* The number after `key` in a cgroup file (or the file's only number when key is ""). */
static int cg_read(int fd, const char *key, uint64_t *value)
{
	char text[1024];
	ssize_t n = fd < 0 ? -1 : pread(fd, text, sizeof text - 1, 0);
	if (n <= 0)
		return 0;
	text[n] = 0;
	char *at = text;
	if (*key) {
		size_t klen = strlen(key);
		for (at = text; at && strncmp(at, key, klen); at = strchr(at, '\n'), at = at ? at + 1 : NULL)
			;
		if (!at)
			return 0;
		at += klen;
	}
	char *end;
	*value = strtoull(at, &end, 10);
	return end != at;
}

uint64_t cg_cpu_ns(void)
{
	static int fd = -2, v2;
	uint64_t v = 0;
	if (fd == -2)
		fd = cg_open("/sys/fs/cgroup/cpuacct/cpuacct.usage", "/sys/fs/cgroup/cpu.stat", &v2);
	if (!cg_read(fd, v2 ? "usage_usec " : "", &v))
		return 0;
	return v2 ? v * 1000 : v;
}

uint64_t cg_oom_kills(void)
{
	static int fd = -2, v2;
	uint64_t v = 0;
	if (fd == -2)
		fd = cg_open("/sys/fs/cgroup/memory/memory.oom_control", "/sys/fs/cgroup/memory.events", &v2);
	cg_read(fd, "oom_kill ", &v);
	return v;
}

/*
 * pids.current of the container: every task (thread, zombie or not) the kernel
 * charges to the container's pids cgroup, from /sys/fs/cgroup/pids/pids.current
 * (v1) or /sys/fs/cgroup/pids.current (v2). -1 when it can't be read.
 */
long cg_tasks(void)
{
	static int fd = -2, v2;
	uint64_t v;
	if (fd == -2)
		fd = cg_open("/sys/fs/cgroup/pids/pids.current", "/sys/fs/cgroup/pids.current", &v2);
	return cg_read(fd, "", &v) ? (long)v : -1;
}
