/*
 * A tracer turns its child's getppid into mq_open("/warmbox-ptrace-swap",
 * O_CREAT | O_EXCL | O_RDWR) at the system call's entry stop (ptrace-swap.h),
 * which the filter must see as mq_open. Reports the swapped call's raw return
 * (a descriptor: the queue was made; -17, EEXIST: a queue of that name already
 * exists, made by an earlier job), and the container's identity.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include "identity.h"
#include "ptrace-swap.h"
static const char name[] = "warmbox-ptrace-swap"; /* the system call takes it without its slash */
static void to_mq_open(struct user_regs_struct *regs) {
  regs->orig_rax = SYS_mq_open;
  regs->rdi = (unsigned long)name;
  regs->rsi = O_CREAT | O_EXCL | O_RDWR;
  regs->rdx = 0600;
  regs->r10 = 0;
}
int main(void) {
  identity();
  fflush(stdout);
  printf("mq-open=%lld\n", swap_getppid(to_mq_open));
  return 0;
}
