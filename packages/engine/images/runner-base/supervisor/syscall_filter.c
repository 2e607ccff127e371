/*
 * A seccomp filter the supervisor adds on top of the container runtime's
 * (Docker's default profile), for the kernel surface that profile leaves open
 * on the Docker versions we support (PROTOCOL.md, "System calls"):
 *
 * - io_uring (io_uring_setup, io_uring_enter, io_uring_register): a large,
 *   fast-moving kernel interface behind many privilege escalations; Docker
 *   allowed it until 25.0 and no program we run needs it.
 * - the x32 ABI (x86-64 system calls with bit 30 set): a second entry to every
 *   system call that no toolchain in our images targets.
 *
 * They fail with ENOSYS, as on a kernel built without them, so runtimes that
 * probe for io_uring (libuv, liburing users) fall back quietly.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/prctl.h>

#include "syscall_filter.h"

/* The io_uring calls have these numbers on every architecture (the unified table since Linux 5.1). */
#define IO_URING_SETUP 425
#define IO_URING_REGISTER 427
#define X32_SYSCALL_BIT 0x40000000u

int deny_extra_syscalls(void)
{
	struct sock_filter program[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, X32_SYSCALL_BIT, 2, 0),
		BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, IO_URING_SETUP, 0, 2),
		BPF_JUMP(BPF_JMP | BPF_JGT | BPF_K, IO_URING_REGISTER, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog filter = {sizeof program / sizeof program[0], program};
	/* Docker's no-new-privileges already set it; a filter without it needs CAP_SYS_ADMIN. */
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return -1;
	return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &filter);
}
