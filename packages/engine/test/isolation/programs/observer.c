/*
 * A later run's view of its container, as key=value lines: the container's
 * identity (hostname, PID 1's start time), the kernel's count of its tasks,
 * every other process /proc lists (zombies too), the writable places' entries,
 * the supervisor's scheduling (our parent), and our own capability sets.
 */
#include "survivor.h"
#include <dirent.h>
#include <sys/prctl.h>
#include <sys/sysinfo.h>

static void read_file(const char *path, char *text, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n = fd < 0 ? -1 : read(fd, text, size - 1);
	if (fd >= 0)
		close(fd);
	text[n > 0 ? n : 0] = 0;
	if (n > 0 && text[n - 1] == '\n')
		text[n - 1] = 0;
}

/* Field `index` (1-based, as in proc(5)) of /proc/<pid>/stat. */
static long stat_field(pid_t pid, int index)
{
	char path[64], text[1024];
	snprintf(path, sizeof path, "/proc/%d/stat", pid);
	read_file(path, text, sizeof text);
	char *at = strrchr(text, ')');
	for (int i = 2; at && i < index; i++)
		at = strchr(at + 1, ' ');
	return at ? atol(at + 1) : -1;
}

/* The entries of `dir`, but this run's own files (source, header, binary, or a Python launcher). */
static void list(const char *key, const char *dir)
{
	static const char *ours[] = {".", "..", "main.c", "survivor.h", "main", "main.py"};
	printf("%s=", key);
	DIR *d = opendir(dir);
	for (struct dirent *e; d && (e = readdir(d));) {
		int own = 0;
		for (int i = 0; i < 6; i++)
			own |= !strcmp(e->d_name, ours[i]);
		if (!own)
			printf("%s;", e->d_name);
	}
	if (d)
		closedir(d);
	putchar('\n');
}

int main(void)
{
	char text[256];
	pid_t self = getpid(), supervisor = getppid();
	gethostname(text, sizeof text);
	printf("host=%s\n", text);
	printf("init-start=%ld\n", stat_field(1, 22));
	read_file("/sys/fs/cgroup/pids/pids.current", text, sizeof text);
	if (!*text)
		read_file("/sys/fs/cgroup/pids.current", text, sizeof text);
	struct sysinfo info;
	/* gVisor has no pids cgroup: its sysinfo counts the tasks of this sandbox's own kernel */
	if (!*text && !sysinfo(&info))
		snprintf(text, sizeof text, "%u", info.procs);
	printf("tasks=%ld\n", atol(text));
	printf("others=");
	DIR *d = opendir("/proc");
	for (struct dirent *e; (e = readdir(d));) {
		pid_t pid = atoi(e->d_name);
		if (pid > 1 && pid != self && pid != supervisor) {
			char path[64], comm[64];
			snprintf(path, sizeof path, "/proc/%d/comm", pid);
			read_file(path, comm, sizeof comm);
			printf("%d:%s:%s;", pid, status_field(pid, "State"), comm);
		}
	}
	closedir(d);
	putchar('\n');
	list("tmp", "/tmp");
	list("dev-shm", "/dev/shm");
	list("box", "/box");
	printf("supervisor-pid=%d\n", supervisor);
	printf("supervisor-nice=%ld\n", stat_field(supervisor, 19));
	printf("supervisor-policy=%ld\n", stat_field(supervisor, 41));
	printf("supervisor-cpus=%s\n", status_field(supervisor, "Cpus_allowed_list"));
	printf("supervisor-ioprio=%ld\n", syscall(SYS_ioprio_get, 1, supervisor));
	static const char *sets[] = {"CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb", "NoNewPrivs"};
	for (int i = 0; i < 5; i++)
		printf("%s=%s\n", sets[i], status_field(self, sets[i]));
	/* the kernel's own answer: gVisor's /proc/self/status has no NoNewPrivs line */
	printf("NoNewPrivs=%d\n", prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
	return 0;
}
