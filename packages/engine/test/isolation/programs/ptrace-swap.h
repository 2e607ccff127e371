/*
 * The tracer's half of a system-call swap: forks a child that stops and then
 * calls getppid, waits for that call's entry stop, lets `rewrite` turn it into
 * another call, and returns the swapped call's raw result (-errno on failure).
 * Prints swapped=yes when it caught getppid. The kernel runs seccomp after the
 * entry stop, so a filter must see the rewritten number. The child prints
 * traceme=<0 or -errno>; when it can't be traced the result is -3 (ESRCH: no
 * traced child to swap a call of).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>
static void step(pid_t child) {
  int status;
  ptrace(PTRACE_SYSCALL, child, 0, 0);
  waitpid(child, &status, 0);
}
static long long swap_getppid(void (*rewrite)(struct user_regs_struct *)) {
  pid_t child = fork();
  if (child == 0) {
    int traceme = ptrace(PTRACE_TRACEME, 0, 0, 0) ? -errno : 0;
    printf("traceme=%d\n", traceme);
    fflush(stdout);
    if (traceme) _exit(0);
    raise(SIGSTOP);
    printf("child-result=%ld\n", syscall(SYS_getppid));
    fflush(stdout);
    _exit(0);
  }
  int status;
  waitpid(child, &status, 0);
  if (!WIFSTOPPED(status)) {
    printf("swapped=no\n");
    return -ESRCH;
  }
  struct user_regs_struct regs = {0};
  step(child); /* the entry of the child's next system call */
  for (int i = 0; i < 50; i++) {
    ptrace(PTRACE_GETREGS, child, 0, &regs);
    if (regs.orig_rax == SYS_getppid) break;
    step(child); /* its exit */
    step(child); /* the next entry */
  }
  printf("swapped=%s\n", regs.orig_rax == SYS_getppid ? "yes" : "no");
  fflush(stdout);
  rewrite(&regs);
  ptrace(PTRACE_SETREGS, child, 0, &regs);
  step(child); /* the exit of the swapped call */
  ptrace(PTRACE_GETREGS, child, 0, &regs);
  ptrace(PTRACE_DETACH, child, 0, 0);
  waitpid(child, &status, 0);
  return (long long)regs.rax;
}
