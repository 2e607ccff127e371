/*
 * Creates empty files and directories until the inodes (or the space) run out.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
int main(void) { char name[64]; long n = 0; int err = 0; time_t end = time(0) + 3;
  for (;; n++) {
    snprintf(name, sizeof name, n % 16 ? "/tmp/d%ld/f%ld" : "/tmp/d%ld", n / 16, n);
    int r = n % 16 ? open(name, O_CREAT | O_WRONLY, 0600) : mkdir(name, 0700);
    if (r < 0) { err = errno; break; }
    if (n % 16) close(r);
    if ((n & 1023) == 0 && time(0) >= end) break;
  }
  printf("files=%ld\nerror=%s\n", n, err ? strerror(err) : "none"); return 0; }
