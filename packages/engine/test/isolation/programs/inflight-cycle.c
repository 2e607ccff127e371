/*
 * Plants state that only unix sockets in flight hold: a datagram socket bound to an abstract
 * name, an flock on /etc/passwd (a file every job can open) and unlinked files of /tmp
 * (argv[1] of 1 MiB each, 8 by default) go into the receive queue of a socket that is itself in its own queue, and every
 * descriptor is closed. Nothing but the kernel's garbage collector of such cycles can free
 * them. First it reports what an earlier job in this container left: the name still bound
 * (bind fails with EADDRINUSE, -98; and any job reads the names in /proc/net/unix, where a name
 * can spell out data), the lock still held (flock fails with EWOULDBLOCK, -11).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/statvfs.h>
#include <signal.h>
#include <sys/un.h>
#include "identity.h"
#include "inflight.h"

static const char NAME[] = "\0warmbox-inflight-cycle";

static int result(int r) { return r < 0 ? -errno : r; }

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IONBF, 0);
  identity();
  int mib_count = argc > 1 ? atoi(argv[1]) : 8;
  struct sockaddr_un addr = {.sun_family = AF_UNIX};
  memcpy(addr.sun_path, NAME, sizeof NAME - 1);
  socklen_t len = offsetof(struct sockaddr_un, sun_path) + sizeof NAME - 1;
  char line[512];
  int listed = 0;
  FILE *unix_sockets = fopen("/proc/net/unix", "r");
  while (unix_sockets && fgets(line, sizeof line, unix_sockets))
    listed += strstr(line, "@warmbox-inflight-cycle") != NULL;
  if (unix_sockets) fclose(unix_sockets);
  printf("name-listed=%d\n", listed);
  int named = socket(AF_UNIX, SOCK_DGRAM, 0);
  printf("bind=%d\n", result(bind(named, (struct sockaddr *)&addr, len)));
  int passwd = open("/etc/passwd", O_RDONLY);
  printf("flock=%d\n", result(flock(passwd, LOCK_EX | LOCK_NB)));
  struct statvfs tmp;
  statvfs("/tmp", &tmp);
  printf("tmp-used-kib=%llu\n", (unsigned long long)(tmp.f_blocks - tmp.f_bfree) * tmp.f_frsize / 1024);

  int big[MAX_HELD_FILES];
  long long held;
  int files = hold_unlinked_files("/tmp/held", mib_count, big, &held);
  printf("held-kib=%lld\n", held / 1024);

  int pair[2];
  socketpair(AF_UNIX, SOCK_DGRAM, 0, pair);
  /* pair[1]'s queue holds pair[1] itself, the named socket, the locked file, the big one and
   * our stdin and stdout pipes (the supervisor must not wait for their end) */
  int all[MAX_HELD_FILES + 5] = {pair[1], named, passwd, 0, 1};
  memcpy(all + 5, big, files * sizeof(int));
  if (send_fds(pair[0], all, files + 5) < 0) printf("sendmsg=%d\n", -errno);
  close(pair[0]); close(pair[1]); close(named); close(passwd);
  for (int i = 0; i < files; i++) close(big[i]);
  puts("planted=yes");
  return 0;
}
