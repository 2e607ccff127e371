/*
 * Leaves state that only unix sockets in flight hold, in shapes other than one socket in its own
 * queue, so that the WIPE's wait (PROTOCOL.md, WIPE step 2) meets each of them:
 *   argv[1] "oob"       the cycle is a SOCK_STREAM socket sent in its own out-of-band byte
 *   argv[1] "seqpacket" a SOCK_SEQPACKET socket in its own queue
 *   argv[1] "embryo"    a listener sent into the queue of a connection it never accepted
 *   argv[1] "deep"      a self-cycle at the top of a chain of argv[2] datagram sockets, each in
 *                       the queue of the one above; what is held is in the deepest one's queue
 *   argv[1] "wide"      argv[2] separate self-cycles; what is held is in the last one's queue
 *   argv[1] "look"      plants nothing
 * What is held (with the held socket itself): an flock on /etc/passwd, an OFD lock on
 * /etc/group, a socket bound to an abstract name, a TCP listener on 127.0.0.1:5556, a UDP socket
 * bound to 127.0.0.1:5557, 8 unlinked 1 MiB files of /dev/shm and, with a last argument
 * "+mqueues", 8 unlinked POSIX message queues (what they take of the uid's RLIMIT_MSGQUEUE,
 * counted for the whole host).
 * Any mode first reports, as the kernel tells them, what an earlier job left: each lock held
 * (EWOULDBLOCK -11, EAGAIN -11), the name and the ports still bound (EADDRINUSE, -98), the used
 * space of /tmp, /dev/shm and /box (statfs, KiB), how many of its 8 queues it could make.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <netinet/in.h>
#include <stddef.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/statvfs.h>
#include <sys/un.h>
#include "identity.h"
#include "inflight.h"

static const char NAME[] = "\0warmbox-inflight-shapes";

static int result(int r) { return r < 0 ? -errno : r; }

static int bind_abstract(int fd) {
  struct sockaddr_un addr = {.sun_family = AF_UNIX};
  memcpy(addr.sun_path, NAME, sizeof NAME - 1);
  return bind(fd, (struct sockaddr *)&addr, offsetof(struct sockaddr_un, sun_path) + sizeof NAME - 1);
}

static int bind_loopback(int fd, int port) {
  struct sockaddr_in at = {.sin_family = AF_INET, .sin_port = htons(port), .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
  return bind(fd, (struct sockaddr *)&at, sizeof at);
}

static long long used_kib(const char *place) {
  struct statvfs st;
  if (statvfs(place, &st)) return -errno;
  return (long long)(st.f_blocks - st.f_bfree) * st.f_frsize / 1024;
}

/* An OFD read lock on `fd` (read-only: no write lock); -11 when another open file holds one. */
static int ofd_lock(int fd) {
  struct flock lock = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
  if (fcntl(fd, F_OFD_GETLK, &lock)) return -errno;
  int held = lock.l_type != F_UNLCK;
  lock = (struct flock){.l_type = F_RDLCK, .l_whence = SEEK_SET};
  if (fcntl(fd, F_OFD_SETLK, &lock)) return -errno;
  return held ? -EWOULDBLOCK : 0;
}

/* What an earlier job left; the probe descriptors stay open (they become what this job holds). */
#define QUEUES 8
struct held { int passwd, group, named, tcp, udp, files, fds[8], queues, queue[QUEUES]; };

/* Opens up to QUEUES POSIX message queues (unlinked at once: only their descriptors keep them,
 * and what they take of the uid's RLIMIT_MSGQUEUE); returns how many, or -errno of the first
 * refusal when none (EMFILE, -24, when the uid's limit is taken; ENOSYS, -38, under gVisor). */
static int open_queues(int *queue) {
  struct mq_attr attr = {.mq_maxmsg = 10, .mq_msgsize = 8192};
  int n = 0;
  for (; n < QUEUES; n++) {
    char name[64];
    snprintf(name, sizeof name, "/warmbox-inflight-shapes-%d", n);
    queue[n] = mq_open(name, O_RDWR | O_CREAT | O_EXCL, 0600, &attr);
    if (queue[n] < 0) return n ? n : -errno;
    mq_unlink(name);
  }
  return n;
}

static void look_and_take(struct held *h) {
  h->passwd = open("/etc/passwd", O_RDONLY);
  printf("flock=%d\n", result(flock(h->passwd, LOCK_EX | LOCK_NB)));
  h->group = open("/etc/group", O_RDONLY);
  printf("ofd-lock=%d\n", ofd_lock(h->group));
  h->named = socket(AF_UNIX, SOCK_DGRAM, 0);
  printf("bind-name=%d\n", result(bind_abstract(h->named)));
  h->tcp = socket(AF_INET, SOCK_STREAM, 0);
  printf("bind-tcp=%d\n", result(bind_loopback(h->tcp, 5556)));
  listen(h->tcp, 8);
  h->udp = socket(AF_INET, SOCK_DGRAM, 0);
  printf("bind-udp=%d\n", result(bind_loopback(h->udp, 5557)));
  printf("tmp-used-kib=%lld\n", used_kib("/tmp"));
  printf("shm-used-kib=%lld\n", used_kib("/dev/shm"));
  printf("box-used-kib=%lld\n", used_kib("/box"));
  int queues = open_queues(h->queue);
  printf("mqueues=%d\n", queues);
  h->queues = queues > 0 ? queues : 0;
}

/* The held descriptors and `socket` (first) as one array; returns its length. */
static int held_list(const struct held *h, int socket, int *out) {
  int n = 0;
  out[n++] = socket;
  int singles[] = {h->passwd, h->group, h->named, h->tcp, h->udp};
  for (int i = 0; i < 5; i++) out[n++] = singles[i];
  for (int i = 0; i < h->files; i++) out[n++] = h->fds[i];
  for (int i = 0; i < h->queues; i++) out[n++] = h->queue[i];
  return n;
}

static void close_held(const struct held *h) {
  close(h->passwd); close(h->group); close(h->named); close(h->tcp); close(h->udp);
  for (int i = 0; i < h->files; i++) close(h->fds[i]);
  for (int i = 0; i < h->queues; i++) close(h->queue[i]);
}

/* `holder`'s own queue (sent from its peer `via`, `flags` for send) gets holder and what is held. */
static int plant_in_own_queue(const struct held *h, int via, int holder, int flags) {
  int fds[32], n = held_list(h, holder, fds);
  return send_fds_flags(via, fds, n, flags);
}

static int plant_pair(const struct held *h, int type, int flags) {
  int pair[2];
  if (socketpair(AF_UNIX, type, 0, pair)) return -errno;
  int sent = plant_in_own_queue(h, pair[0], pair[1], flags);
  close(pair[0]); close(pair[1]);
  return sent;
}

/* A listener on an abstract name of its own; a connection it never accepts carries the
 * listener (and what is held) in the queue of its embryo. */
static int plant_embryo(const struct held *h) {
  static const char LISTENER[] = "\0warmbox-inflight-embryo";
  struct sockaddr_un addr = {.sun_family = AF_UNIX};
  memcpy(addr.sun_path, LISTENER, sizeof LISTENER - 1);
  socklen_t len = offsetof(struct sockaddr_un, sun_path) + sizeof LISTENER - 1;
  int listener = socket(AF_UNIX, SOCK_STREAM, 0), client = socket(AF_UNIX, SOCK_STREAM, 0);
  if (bind(listener, (struct sockaddr *)&addr, len) || listen(listener, 4) ||
      connect(client, (struct sockaddr *)&addr, len))
    return -errno;
  int sent = plant_in_own_queue(h, client, listener, 0);
  close(listener); close(client);
  return sent;
}

/* sockets[0] in its own queue; sockets[k] in the queue of sockets[k-1]; what is held in the
 * deepest one's. Built from the bottom, so that few descriptors are open at a time. */
static int plant_deep(const struct held *h, int depth) {
  int below = -1, sent = 1;
  for (int level = depth - 1; level >= 0 && sent > 0; level--) {
    int pair[2];
    if (socketpair(AF_UNIX, SOCK_DGRAM, 0, pair)) { sent = -errno; break; }
    if (below < 0) {
      int fds[32], n = held_list(h, -1, fds);
      sent = send_fds(pair[0], fds + 1, n - 1); /* what is held, without a socket of the chain */
    } else {
      sent = send_fds(pair[0], &below, 1);
      close(below);
    }
    if (level == 0 && sent > 0) sent = send_fds(pair[0], &pair[1], 1);
    close(pair[0]);
    below = pair[1];
  }
  close(below);
  return sent;
}

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IONBF, 0);
  identity();
  const char *mode = argc > 1 ? argv[1] : "look";
  int count = argc > 2 ? atoi(argv[2]) : 1;
  int with_queues = !strcmp(argv[argc - 1], "+mqueues");
  struct held h;
  look_and_take(&h);
  if (!strcmp(mode, "look")) return 0;
  if (!with_queues) {
    for (int i = 0; i < h.queues; i++) close(h.queue[i]);
    h.queues = 0;
  }
  long long bytes;
  h.files = hold_unlinked_files("/dev/shm/held", 8, h.fds, &bytes);
  printf("held-kib=%lld\n", bytes / 1024);
  struct rlimit nofile;
  getrlimit(RLIMIT_NOFILE, &nofile);
  printf("nofile=%llu\n", (unsigned long long)nofile.rlim_cur);
  int sent = -EINVAL;
  if (!strcmp(mode, "oob")) sent = plant_pair(&h, SOCK_STREAM, MSG_OOB);
  else if (!strcmp(mode, "seqpacket")) sent = plant_pair(&h, SOCK_SEQPACKET, 0);
  else if (!strcmp(mode, "embryo")) sent = plant_embryo(&h);
  else if (!strcmp(mode, "deep")) sent = plant_deep(&h, count);
  else if (!strcmp(mode, "wide")) {
    for (int i = 1; i < count && sent != 0; i++) {
      int pair[2];
      socketpair(AF_UNIX, SOCK_DGRAM, 0, pair);
      sent = send_fds(pair[0], &pair[1], 1);
      close(pair[0]); close(pair[1]);
      if (sent < 0) break;
    }
    if (sent > 0 || count <= 1) sent = plant_pair(&h, SOCK_DGRAM, 0);
  }
  close_held(&h);
  printf("sendmsg=%d\n", sent);
  printf("planted=%s\n", sent > 0 ? "yes" : "no");
  return 0;
}
