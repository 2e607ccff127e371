/*
 * A tracer turns its child's getppid into io_uring_setup at the system call's
 * entry stop (the kernel runs seccomp after that stop, so the filter must see
 * the new number). Reports what the swapped call returned in the child.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>
static char params[120]; /* struct io_uring_params, zeroed: valid for io_uring_setup */
static void step(pid_t child) {
  int status;
  ptrace(PTRACE_SYSCALL, child, 0, 0);
  waitpid(child, &status, 0);
}
int main(void) {
  pid_t child = fork();
  if (child == 0) {
    ptrace(PTRACE_TRACEME, 0, 0, 0);
    raise(SIGSTOP);
    printf("child-result=%ld\n", syscall(SYS_getppid));
    fflush(stdout);
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
  regs.orig_rax = 425;
  regs.rdi = 8;
  regs.rsi = (unsigned long)params;
  ptrace(PTRACE_SETREGS, child, 0, &regs);
  step(child); /* the exit of the swapped call */
  ptrace(PTRACE_GETREGS, child, 0, &regs);
  printf("swapped-result=%lld\n", (long long)regs.rax);
  fflush(stdout);
  ptrace(PTRACE_DETACH, child, 0, 0);
  waitpid(child, &status, 0);
  return 0;
}
