/*
 * Tries every privileged operation: mount, namespaces, ptrace, signals to the supervisor
 * and PID 1, the supervisor's fds and memory, mknod, chroot, setuid, sethostname, ioperm,
 * reboot, raising rlimits. Prints name=DONE or the errno name of each.
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
#include <sys/io.h>
#include <sys/mount.h>
#include <sys/ptrace.h>
#include <sys/reboot.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/uio.h>
#include <unistd.h>
static void said(const char *what, long r) { printf("%s=%s\n", what, r < 0 ? strerrorname_np(errno) : "DONE"); }
static int supervisor(void) { DIR *d = opendir("/proc"); struct dirent *e; char p[64], c[256];
  while ((e = readdir(d))) { int pid = atoi(e->d_name); if (pid <= 1) continue;
    snprintf(p, sizeof p, "/proc/%d/cmdline", pid); FILE *f = fopen(p, "r"); if (!f) continue;
    size_t n = fread(c, 1, sizeof c - 1, f); fclose(f); c[n] = 0; if (strstr(c, "warmbox-supervisor")) return pid; }
  return -1; }
int main(void) { int sup = supervisor(); char p[64]; char buf[16];
  printf("supervisor=%s\n", sup > 1 ? "found" : "missing");
  mkdir("/tmp/m", 0700);
  said("mount", mount("none", "/tmp/m", "tmpfs", 0, 0));
  said("bind", mount("/", "/tmp/m", 0, MS_BIND, 0));
  said("unshare-user", unshare(CLONE_NEWUSER));
  said("unshare-mount", unshare(CLONE_NEWNS));
  said("unshare-net", unshare(CLONE_NEWNET));
  said("ptrace-supervisor", ptrace(PTRACE_ATTACH, sup, 0, 0));
  said("ptrace-init", ptrace(PTRACE_ATTACH, 1, 0, 0));
  said("kill-supervisor", kill(sup, SIGKILL));
  said("kill-init", kill(1, SIGKILL));
  snprintf(p, sizeof p, "/proc/%d/fd/0", sup); said("supervisor-stdin", open(p, O_WRONLY));
  snprintf(p, sizeof p, "/proc/%d/fd/1", sup); said("supervisor-stdout", open(p, O_WRONLY));
  snprintf(p, sizeof p, "/proc/%d/mem", sup); said("supervisor-mem", open(p, O_RDONLY));
  struct iovec local = {buf, sizeof buf}, remote = {(void *)0x400000, sizeof buf};
  said("process_vm_readv", process_vm_readv(sup, &local, 1, &remote, 1, 0));
  said("mknod", mknod("/tmp/sda", S_IFBLK | 0600, makedev(8, 0)));
  said("chroot", chroot("/tmp"));
  said("setuid", setuid(0));
  said("setgid", setgid(0));
  said("sethostname", sethostname("pwned", 5));
  said("ioperm", ioperm(0x80, 1, 1));
  said("reboot", reboot(RB_POWER_OFF));
  struct rlimit big = {RLIM_INFINITY, RLIM_INFINITY};
  said("raise-fsize", setrlimit(RLIMIT_FSIZE, &big));
  said("raise-nofile", setrlimit(RLIMIT_NOFILE, &big));
  return 0; }
