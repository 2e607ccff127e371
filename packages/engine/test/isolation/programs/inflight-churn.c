/*
 * Keeps the kernel's collector of unix socket cycles and its deferred closes busy for argv[1]
 * seconds (10 by default), as a neighbour of other sandboxes: rounds of 64 self-cycles, each
 * holding an unlinked 64 KiB file of /tmp, and a chain of 32 sockets under a self-cycle, every
 * descriptor closed at once (so each round is garbage the next release schedules the collector
 * for). Reports the rounds made and the last refusal (ETOOMANYREFS, -109, when its uid has as
 * many descriptors in flight as it may).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include "inflight.h"

int main(int argc, char **argv) {
  int seconds = argc > 1 ? atoi(argv[1]) : 10;
  static char block[64 << 10];
  time_t end = time(NULL) + seconds;
  long rounds = 0;
  int refused = 0;
  while (time(NULL) < end) {
    for (int i = 0; i < 64; i++) {
      int pair[2];
      if (socketpair(AF_UNIX, SOCK_DGRAM, 0, pair)) break;
      int file = open("/tmp/churn", O_RDWR | O_CREAT | O_TRUNC, 0600);
      unlink("/tmp/churn");
      if (write(file, block, sizeof block) < 0) refused = -errno;
      int sent = send_fds(pair[0], (int[]){pair[1], file}, 2);
      if (sent < 0) refused = sent;
      close(file); close(pair[0]); close(pair[1]);
    }
    int below = -1;
    for (int level = 0; level < 32; level++) {
      int pair[2];
      if (socketpair(AF_UNIX, SOCK_DGRAM, 0, pair)) break;
      if (below >= 0) { int sent = send_fds(pair[0], &below, 1); if (sent < 0) refused = sent; close(below); }
      if (level == 31) send_fds(pair[0], &pair[1], 1);
      close(pair[0]);
      below = pair[1];
    }
    close(below);
    rounds++;
  }
  printf("rounds=%ld\nrefused=%d\n", rounds, refused);
  return 0;
}
