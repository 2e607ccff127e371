/*
 * A seccomp filter the supervisor adds on top of the container runtime's
 * (PROTOCOL.md, "System calls"). These calls fail with ENOSYS, as on a kernel
 * built without them, so runtimes that probe for them fall back quietly:
 *
 * - io_uring (setup, enter, register): a large, fast-moving kernel interface
 *   behind many privilege escalations, which Docker's default profile allowed
 *   until Docker 25.0; no program we run needs it. Its numbers are the same in
 *   every calling convention (the unified table since Linux 5.1).
 * - the x32 ABI (x86-64 system calls with bit 30 set): a second entry to every
 *   call, which no toolchain in our images targets.
 * - mq_open, only where /dev/mqueue is not mounted (gVisor): there the WIPE
 *   can't list POSIX message queues, so one a job made would outlive it,
 *   charged to the sandbox's memory and openable by name by the next job.
 *   Every other mq_* call needs a descriptor only mq_open gives (and gVisor
 *   already answers mq_send with ENOSYS).
 * - ptrace, there too: gVisor runs the filter before a tracer's syscall-entry
 *   stop and never again, so a tracer could turn its child's call into mq_open
 *   (or io_uring) past the filter. Linux filters the rewritten call; gVisor
 *   needs the tracer refused.
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

#include "syscall_filter.h"

#if defined(__x86_64__)
#define NATIVE_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define NATIVE_ARCH AUDIT_ARCH_AARCH64
#else
#error "the supervisor knows the seccomp architecture of x86_64 and aarch64 only"
#endif

#define X32_SYSCALL_BIT 0x40000000u
#define MAX_INSTRUCTIONS 16

/* A filter program being written, and the jumps that go to its ENOSYS answer. */
struct filter {
	struct sock_filter program[MAX_INSTRUCTIONS];
	unsigned short length;
	unsigned short denials[MAX_INSTRUCTIONS];
	unsigned short denial_count;
};

static void emit(struct filter *filter, struct sock_filter instruction)
{
	filter->program[filter->length++] = instruction;
}

/* A jump to the ENOSYS answer when the loaded number compares `op` to `k`. */
static void deny_if(struct filter *filter, unsigned short op, unsigned int k)
{
	filter->denials[filter->denial_count++] = filter->length;
	emit(filter, (struct sock_filter)BPF_JUMP(BPF_JMP | op | BPF_K, k, 0, 0));
}

int deny_extra_syscalls(void)
{
	struct filter filter = {0};
	emit(&filter, (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)));
	deny_if(&filter, BPF_JGE, X32_SYSCALL_BIT);
	deny_if(&filter, BPF_JEQ, __NR_io_uring_setup);
	deny_if(&filter, BPF_JEQ, __NR_io_uring_enter);
	deny_if(&filter, BPF_JEQ, __NR_io_uring_register);
	if (access("/dev/mqueue", F_OK)) {
		/* mq_open's and ptrace's numbers are the native convention's; x86's int 0x80
		 * has its own table (and gVisor serves no 32-bit calls) */
		unsigned short allow_foreign = filter.length + 1;
		emit(&filter, (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)));
		emit(&filter, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, NATIVE_ARCH, 0, 0));
		emit(&filter, (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)));
		deny_if(&filter, BPF_JEQ, __NR_mq_open);
		deny_if(&filter, BPF_JEQ, __NR_ptrace);
		filter.program[allow_foreign].jf = filter.length - allow_foreign - 1;
	}
	emit(&filter, (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW));
	unsigned short deny_at = filter.length;
	emit(&filter, (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS));
	for (unsigned short i = 0; i < filter.denial_count; i++)
		filter.program[filter.denials[i]].jt = deny_at - filter.denials[i] - 1;

	struct sock_fprog fprog = {filter.length, filter.program};
	/* Docker's no-new-privileges already set it; a filter without it needs CAP_SYS_ADMIN. */
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return -1;
	return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &fprog);
}
