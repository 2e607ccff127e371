/* What the programs that leave unix sockets in flight share: sending descriptors, and unlinked
 * 1 MiB files that only their descriptors keep (the default file size limit, so any request can
 * make them). */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_HELD_FILES 248

/* Sends `n` descriptors (at most MAX_HELD_FILES + 13) over `via` with SCM_RIGHTS and send's
 * `flags`; 1, or -errno. */
static inline int send_fds_flags(int via, const int *fds, int n, int flags) {
  char byte = 'x';
  static char control[CMSG_SPACE((MAX_HELD_FILES + 13) * sizeof(int))];
  struct iovec iov = {&byte, 1};
  struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control,
                       .msg_controllen = CMSG_SPACE(n * sizeof(int))};
  struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
  c->cmsg_level = SOL_SOCKET; c->cmsg_type = SCM_RIGHTS; c->cmsg_len = CMSG_LEN(n * sizeof(int));
  memcpy(CMSG_DATA(c), fds, n * sizeof(int));
  return sendmsg(via, &msg, flags) < 0 ? -errno : 1;
}

static inline int send_fds(int via, const int *fds, int n) { return send_fds_flags(via, fds, n, 0); }

/* Fills fds with up to `count` (at most MAX_HELD_FILES) unlinked files of 1 MiB named after
 * `prefix`, until one can't be written in full; returns how many, and the bytes in *bytes. */
static inline int hold_unlinked_files(const char *prefix, int count, int *fds, long long *bytes) {
  static char mib[1 << 20];
  memset(mib, 'x', sizeof mib);
  signal(SIGXFSZ, SIG_IGN);
  int files = 0;
  *bytes = 0;
  for (; files < count && files < MAX_HELD_FILES; files++) {
    char name[64];
    snprintf(name, sizeof name, "%s-%d", prefix, files);
    fds[files] = open(name, O_RDWR | O_CREAT | O_TRUNC, 0600);
    ssize_t n = write(fds[files], mib, sizeof mib);
    unlink(name);
    if (n > 0) *bytes += n;
    if (n != sizeof mib) { files++; break; }
  }
  return files;
}
