/*
 * Under gVisor the sandbox user may make a user namespace and be its root. This program
 * makes one (with new mount, pid and network namespaces), becomes pid 1 and root there, and
 * reports what it reaches: the host file whose path is argv[1], a device node for the host's
 * root file system (argv[2], its device number) and one for memory (1:1), the process whose
 * host pid is argv[3], the processes of the sandbox's /proc, the network interfaces. It
 * leaves a sleeper in the namespaces, which must not outlive the job. Prints name=value.
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
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

static void said(const char *what, long r) { printf("%s=%s\n", what, r < 0 ? strerrorname_np(errno) : "DONE"); }

static int write_file(const char *path, const char *text) {
  int fd = open(path, O_WRONLY);
  if (fd < 0) return -1;
  int r = write(fd, text, strlen(text)) == (ssize_t)strlen(text) ? 0 : -1;
  close(fd);
  return r;
}

/* Makes a device node (block, else character) and tries to read a byte from it. */
static void device(const char *name, dev_t number) {
  char path[64], what[64], byte;
  snprintf(path, sizeof path, "/tmp/ns-%s", name);
  snprintf(what, sizeof what, "mknod-%s", name);
  said(what, mknod(path, S_IFBLK | 0600, number) && mknod(path, S_IFCHR | 0600, number) ? -1 : 0);
  int fd = open(path, O_RDONLY);
  snprintf(what, sizeof what, "read-%s", name);
  said(what, fd < 0 ? -1 : read(fd, &byte, 1));
  if (fd >= 0) close(fd);
}

/* The command names of every process /proc lists, comma-separated. */
static void processes(void) {
  DIR *d = opendir("/proc");
  struct dirent *e;
  char path[300], comm[64];
  printf("processes=");
  for (int first = 1; d && (e = readdir(d));) {
    if (atoi(e->d_name) <= 0) continue;
    snprintf(path, sizeof path, "/proc/%s/comm", e->d_name);
    FILE *f = fopen(path, "r");
    if (!f) continue;
    if (!fgets(comm, sizeof comm, f)) comm[0] = 0;
    fclose(f);
    comm[strcspn(comm, "\n")] = 0;
    printf("%s%s", first ? "" : ",", comm);
    first = 0;
  }
  printf("\n");
  if (d) closedir(d);
}

int main(int argc, char **argv) {
  if (argc < 4) return 2;
  setvbuf(stdout, NULL, _IONBF, 0);
  char uid_map[32], gid_map[32];
  snprintf(uid_map, sizeof uid_map, "0 %d 1", (int)getuid());
  snprintf(gid_map, sizeof gid_map, "0 %d 1", (int)getgid());
  said("unshare", unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET));
  write_file("/proc/self/setgroups", "deny");
  said("map-root", write_file("/proc/self/uid_map", uid_map) || write_file("/proc/self/gid_map", gid_map) ? -1 : 0);
  pid_t child = fork(); /* the first child is pid 1 of the new pid namespace */
  if (child < 0) return 3;
  if (child) {
    int status;
    waitpid(child, &status, 0);
    return WEXITSTATUS(status);
  }
  printf("pid=%d\n", (int)getpid());
  said("setuid-root", setuid(0));
  said("mount-tmpfs", mount("none", "/tmp", "tmpfs", 0, 0));
  said("mount-proc", mount("proc", "/proc", "proc", 0, 0));
  said("host-file", open(argv[1], O_RDONLY));
  said("signal-host-process", kill((pid_t)atoi(argv[3]), 0));
  device("host-root", (dev_t)strtoull(argv[2], NULL, 10));
  device("memory", makedev(1, 1));
  processes();
  DIR *net = opendir("/sys/class/net");
  struct dirent *e;
  printf("interfaces=");
  for (int first = 1; net && (e = readdir(net));)
    if (e->d_name[0] != '.') {
      printf("%s%s", first ? "" : ",", e->d_name);
      first = 0;
    }
  printf("\n");
  said("chroot", chroot("/tmp"));
  said("host-file-after-chroot", open(argv[1], O_RDONLY));
  if (fork() == 0) { /* must die with the job */
    setsid();
    for (;;) pause();
  }
  return 0;
}
