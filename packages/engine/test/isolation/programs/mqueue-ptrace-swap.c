/*
 * A tracer turns its child's getppid into mq_open("/warmbox-ptrace-swap",
 * O_CREAT | O_EXCL | O_RDWR) at the system call's entry stop, which the
 * filter must see as mq_open. Reports the swapped call's raw return (a
 * descriptor: the queue was made; -17, EEXIST: a queue of that name already
 * exists, made by an earlier job), and the container's identity.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>
#include "identity.h"
static const char name[] = "warmbox-ptrace-swap"; /* the system call takes it without its slash */
static void step(pid_t child) {
  int status;
  ptrace(PTRACE_SYSCALL, child, 0, 0);
  waitpid(child, &status, 0);
}
int main(void) {
  identity();
  fflush(stdout);
  pid_t child = fork();
  if (child == 0) {
    ptrace(PTRACE_TRACEME, 0, 0, 0);
    raise(SIGSTOP);
    syscall(SYS_getppid);
    _exit(0);
  }
  int status;
  waitpid(child, &status, 0);
  struct user_regs_struct regs = {0};
  step(child); /* the entry of the child's next system call */
  for (int i = 0; i < 50; i++) {
    ptrace(PTRACE_GETREGS, child, 0, &regs);
    if (regs.orig_rax == SYS_getppid) break;
    step(child); /* its exit */
    step(child); /* the next entry */
  }
  printf("swapped=%s\n", regs.orig_rax == SYS_getppid ? "yes" : "no");
  regs.orig_rax = SYS_mq_open;
  regs.rdi = (unsigned long)name;
  regs.rsi = O_CREAT | O_EXCL | O_RDWR;
  regs.rdx = 0600;
  regs.r10 = 0;
  ptrace(PTRACE_SETREGS, child, 0, &regs);
  step(child); /* the exit of the swapped call */
  ptrace(PTRACE_GETREGS, child, 0, &regs);
  printf("mq-open=%lld\n", (long long)regs.rax);
  ptrace(PTRACE_DETACH, child, 0, 0);
  waitpid(child, &status, 0);
  return 0;
}
