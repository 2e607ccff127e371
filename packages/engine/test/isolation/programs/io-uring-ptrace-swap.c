/*
 * A tracer turns its child's getppid into io_uring_setup at the system call's
 * entry stop (ptrace-swap.h). Reports what the swapped call returned.
 */
#define _GNU_SOURCE
#include "ptrace-swap.h"
static char params[120]; /* struct io_uring_params, zeroed: valid for io_uring_setup */
static void to_io_uring_setup(struct user_regs_struct *regs) {
  regs->orig_rax = 425;
  regs->rdi = 8;
  regs->rsi = (unsigned long)params;
}
int main(void) {
  printf("swapped-result=%lld\n", swap_getppid(to_io_uring_setup));
  return 0;
}
