/* The supervisor's own system-call filter, stacked on the container runtime's. */
#ifndef WARMBOX_SYSCALL_FILTER_H
#define WARMBOX_SYSCALL_FILTER_H

/*
 * Makes io_uring and the x32 ABI (and, where /dev/mqueue is missing, mq_open
 * and ptrace) fail with ENOSYS for this process and every process it starts
 * (filters are inherited and can't be removed). 0, or -1 with errno set.
 */
int deny_extra_syscalls(void);

#endif
