/*
 * Linux counts the descriptors in flight (sent over a unix socket, not yet received) per uid,
 * and refuses a sender more of them than its open-file limit (sendmsg: ETOOMANYREFS). This
 * puts one pipe end in flight again and again, 253 at a time, until refused, prints how many
 * it holds (held=N) and keeps them in flight for 6 s.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void) {
  int pipe_ends[2], pair[2];
  if (pipe(pipe_ends) || socketpair(AF_UNIX, SOCK_STREAM, 0, pair)) return 2;
  static char control[CMSG_SPACE(253 * sizeof(int))];
  int fds[253];
  for (int i = 0; i < 253; i++) fds[i] = pipe_ends[0];
  char byte = 'x';
  struct iovec iov = {&byte, 1};
  struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control,
                       .msg_controllen = sizeof control};
  struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
  c->cmsg_level = SOL_SOCKET; c->cmsg_type = SCM_RIGHTS; c->cmsg_len = CMSG_LEN(sizeof fds);
  memcpy(CMSG_DATA(c), fds, sizeof fds);
  long held = 0;
  while (held < 1000000 && sendmsg(pair[0], &msg, MSG_DONTWAIT) == 1) held += 253;
  printf("held=%ld\nrefused=%s\n", held, strerrorname_np(errno));
  fflush(stdout);
  sleep(6);
  return 0;
}
