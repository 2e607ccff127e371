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
#include "inflight.h"

static int result(int r) { return r < 0 ? -errno : r; }

static void write_file(const char *path, const char *text) {
  int fd = open(path, O_WRONLY);
  if (fd < 0) return;
  if (write(fd, text, strlen(text)) < 0) printf("write-%s=%d\n", path, -errno);
  close(fd);
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
  int held[MAX_HELD_FILES + 2];
  long long bytes;
  int files = hold_unlinked_files("/tmp/netns-held", mib_count, held, &bytes);
  printf("held-kib=%lld\n", bytes / 1024);
  int pair[2];
  socketpair(AF_UNIX, SOCK_DGRAM, 0, pair);
  held[files] = passwd;
  held[files + 1] = pair[1];
  printf("sendmsg=%d\n", send_fds(pair[0], held, files + 2));
  close(pair[0]); close(pair[1]); close(passwd);
  for (int i = 0; i < files; i++) close(held[i]);
  puts("planted=yes");
  return 0;
}
