/*
 * Plants state that only a cycle of unix sockets in flight holds, like inflight-cycle.c, from
 * a user and network namespace of its own (argv[1] "netns"; gVisor lets any user make them):
 * the sockets are then of another network namespace than the container's, whose
 * /proc/net/unix the WIPE reads. What the cycle holds is the container's all the same: an
 * flock on /etc/passwd and unlinked 1 MiB files of /tmp (argv[2], 8 by default).
 * Any mode first reports what an earlier job left, as the kernel counts it: the flock still
 * held (EWOULDBLOCK, -11) and /tmp's used space (statfs). argv[1] "look" plants nothing.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/statvfs.h>
#include "identity.h"

static int result(int r) { return r < 0 ? -errno : r; }

static void write_file(const char *path, const char *text) {
  int fd = open(path, O_WRONLY);
  if (fd < 0) return;
  if (write(fd, text, strlen(text)) < 0) printf("write-%s=%d\n", path, -errno);
  close(fd);
}

static void send_fds(int via, const int *fds, int n) {
  char byte = 'x';
  static char control[CMSG_SPACE(250 * sizeof(int))];
  struct iovec iov = {&byte, 1};
  struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control,
                       .msg_controllen = CMSG_SPACE(n * sizeof(int))};
  struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
  c->cmsg_level = SOL_SOCKET; c->cmsg_type = SCM_RIGHTS; c->cmsg_len = CMSG_LEN(n * sizeof(int));
  memcpy(CMSG_DATA(c), fds, n * sizeof(int));
  printf("sendmsg=%d\n", result(sendmsg(via, &msg, 0)));
}

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IONBF, 0);
  identity();
  const char *mode = argc > 1 ? argv[1] : "look";
  int mib_count = argc > 2 ? atoi(argv[2]) : 8;
  int passwd = open("/etc/passwd", O_RDONLY);
  printf("flock=%d\n", result(flock(passwd, LOCK_EX | LOCK_NB)));
  close(passwd);
  struct statvfs tmp;
  statvfs("/tmp", &tmp);
  printf("tmp-used-kib=%llu\n", (unsigned long long)(tmp.f_blocks - tmp.f_bfree) * tmp.f_frsize / 1024);
  if (strcmp(mode, "netns")) return 0;

  char map[32];
  printf("unshare=%d\n", result(unshare(CLONE_NEWUSER | CLONE_NEWNET)));
  write_file("/proc/self/setgroups", "deny");
  snprintf(map, sizeof map, "%d %d 1", (int)getuid(), (int)getuid());
  write_file("/proc/self/uid_map", map);
  snprintf(map, sizeof map, "%d %d 1", (int)getgid(), (int)getgid());
  write_file("/proc/self/gid_map", map);

  passwd = open("/etc/passwd", O_RDONLY);
  printf("plant-flock=%d\n", result(flock(passwd, LOCK_EX | LOCK_NB)));
  static char mib[1 << 20];
  memset(mib, 'x', sizeof mib);
  signal(SIGXFSZ, SIG_IGN);
  int held[250], files = 0;
  long long bytes = 0;
  for (; files < mib_count && files < 248; files++) {
    char name[32];
    snprintf(name, sizeof name, "/tmp/netns-held-%d", files);
    held[files] = open(name, O_RDWR | O_CREAT | O_TRUNC, 0600);
    ssize_t n = write(held[files], mib, sizeof mib);
    unlink(name);
    if (n > 0) bytes += n;
    if (n != sizeof mib) { files++; break; }
  }
  printf("held-kib=%lld\n", bytes / 1024);
  int pair[2];
  socketpair(AF_UNIX, SOCK_DGRAM, 0, pair);
  held[files] = passwd;
  held[files + 1] = pair[1];
  send_fds(pair[0], held, files + 2);
  close(pair[0]); close(pair[1]); close(passwd);
  for (int i = 0; i < files; i++) close(held[i]);
  puts("planted=yes");
  return 0;
}
