/*
 * Shared by the survivor attacks: what a process left behind does to be seen by
 * a later run. It writes /tmp/<name>-<pid> every 10 ms (so the file comes back
 * after a wipe, as long as the process lives) and keeps doing so until killed.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static inline void touch(const char *name)
{
	char path[128];
	snprintf(path, sizeof path, "/tmp/%s-%ld", name, (long)syscall(SYS_gettid));
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd >= 0)
		close(fd);
}

static inline _Noreturn void haunt(const char *name)
{
	for (;;) {
		touch(name);
		usleep(10000);
	}
}

/* One field ("State", "Threads", "TracerPid", ...) of /proc/<pid>/status, or "?" */
static inline const char *status_field(pid_t pid, const char *field)
{
	static char value[64];
	char path[64], text[4096], key[32];
	snprintf(path, sizeof path, "/proc/%d/status", pid);
	snprintf(key, sizeof key, "\n%s:\t", field);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n = fd < 0 ? -1 : read(fd, text, sizeof text - 1);
	if (fd >= 0)
		close(fd);
	char *at = n > 0 ? (text[n] = 0, strstr(text, key)) : NULL;
	if (!at)
		return "?";
	at += strlen(key);
	snprintf(value, sizeof value, "%.*s", (int)strcspn(at, " \n"), at);
	return value;
}

/* Waits (up to 5 s) until `field` of `pid` starts with `want`; prints what it saw. */
static inline void await_field(const char *label, pid_t pid, const char *field, const char *want)
{
	for (int i = 0; i < 500 && strncmp(status_field(pid, field), want, strlen(want)); i++)
		usleep(10000);
	printf("%s=%s\n", label, status_field(pid, field));
}
