/*
 * Writes argv[1] bytes to stdout, half through fd 1 and half through stdout opened again by name
 * (/proc/self/fd/1, as the sandbox user may now), from two processes at once: the output limit
 * counts what reaches the pipe, however it is opened.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void write_all(int fd, long n) {
  static char block[4096];
  memset(block, 'x', sizeof block);
  while (n > 0) {
    ssize_t w = write(fd, block, n < (long)sizeof block ? n : (long)sizeof block);
    if (w <= 0) _exit(3);
    n -= w;
  }
}

int main(int argc, char **argv) {
  long total = argc > 1 ? atol(argv[1]) : 0, half = total / 2;
  int again = open("/proc/self/fd/1", O_WRONLY);
  if (again < 0) return 2;
  pid_t child = fork();
  if (child == 0) {
    write_all(again, total - half);
    _exit(0);
  }
  write_all(1, half);
  int status;
  waitpid(child, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 4;
}
