/*
 * POSIX message queues where the wipe can't remove them.
 *
 * The wipe empties /dev/mqueue (sandbox.c). A kernel without that file system
 * (gVisor's) still has message queues but no way to list them: one a job made
 * would outlive it, charged to the sandbox's memory and openable by name by the
 * next job. There the job may make none: mq_open answers ENOSYS, as gVisor
 * already answers mq_send and mq_timedreceive. Every other mq_* call needs a
 * descriptor only mq_open gives.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "mqueue_guard.h"

#if defined(__x86_64__)
#define NATIVE_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define NATIVE_ARCH AUDIT_ARCH_AARCH64
#else
#error "the supervisor knows the seccomp architecture of x86_64 and aarch64 only"
#endif

int refuse_unwipeable_message_queues(void)
{
	if (!access("/dev/mqueue", F_OK))
		return 0; /* listed and emptied by the wipe */
	struct sock_filter filter[] = {
		/* Another calling convention (x86's int 0x80) has other numbers: refuse it all. */
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, NATIVE_ARCH, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
		/* The number without x32's bit: mq_open through the x32 ABI too. */
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_STMT(BPF_ALU | BPF_AND | BPF_K, ~0x40000000u),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_mq_open, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog program = {sizeof filter / sizeof filter[0], filter};
	/* Docker sets no_new_privs already (no-new-privileges); a filter needs it without CAP_SYS_ADMIN. */
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return -1;
	return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &program);
}
