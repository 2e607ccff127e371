/*
 * The supervisor's own scheduling (policy, nice value, utilization clamps, I/O
 * priority, CPU affinity), as it was at start, put back after every sweep. The
 * job can't change them (it never shares the supervisor's uid); this is the
 * second line, and the proof: what can't be put back is an ERROR, and the
 * engine replaces the container.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdint.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "fatal.h"
#include "scheduling.h"

#define IOPRIO_WHO_PROCESS 1
#ifndef SCHED_FLAG_UTIL_CLAMP /* glibc 2.41 (trixie) defines it, bookworm's does not */
#define SCHED_FLAG_UTIL_CLAMP 0x60 /* SCHED_FLAG_UTIL_CLAMP_MIN | _MAX */
#endif

/*
 * The kernel's struct sched_attr, size version 1, under a name of ours: glibc declares it
 * only from 2.41 (trixie), bookworm's has none.
 */
struct kernel_sched_attr {
	uint32_t size, sched_policy;
	uint64_t sched_flags;
	int32_t sched_nice;
	uint32_t sched_priority;
	uint64_t sched_runtime, sched_deadline, sched_period;
	uint32_t sched_util_min, sched_util_max;
};

static struct kernel_sched_attr initial_attr;
static cpu_set_t initial_cpus;
static long initial_ioprio;

/*
 * A kernel without sched_getattr (gVisor's) has no clamps nor deadline policy:
 * its policy, priority and nice value say it all.
 */
static void read_attr_posix(struct kernel_sched_attr *attr)
{
	struct sched_param param;
	int policy = sched_getscheduler(0);
	errno = 0;
	int nice = getpriority(PRIO_PROCESS, 0);
	if (policy < 0 || sched_getparam(0, &param) || errno)
		fatal("sched_getscheduler, sched_getparam, getpriority: %s", strerror(errno));
	attr->size = sizeof *attr;
	attr->sched_policy = policy;
	attr->sched_nice = nice;
	attr->sched_priority = param.sched_priority;
}

static void read_attr(struct kernel_sched_attr *attr)
{
	memset(attr, 0, sizeof *attr);
	if (!syscall(SYS_sched_getattr, 0, attr, sizeof *attr, 0))
		return;
	if (errno != ENOSYS)
		fatal("sched_getattr: %s", strerror(errno));
	read_attr_posix(attr);
}

static void read_cpus(cpu_set_t *cpus)
{
	if (sched_getaffinity(0, sizeof *cpus, cpus))
		fatal("sched_getaffinity: %s", strerror(errno));
}

/* -1 for a kernel without I/O priorities (gVisor's refuses ioprio_get and ioprio_set alike). */
static long read_ioprio(void)
{
	long v = syscall(SYS_ioprio_get, IOPRIO_WHO_PROCESS, 0);
	if (v >= 0)
		return v;
	if (errno == EPERM || errno == ENOSYS) /* never for itself on Linux */
		return -1;
	fatal("ioprio_get: %s", strerror(errno));
}

void sched_remember(void)
{
	read_attr(&initial_attr);
	read_cpus(&initial_cpus);
	initial_ioprio = read_ioprio();
}

/* Which of the three differs from the start; 0 when none. */
static const char *changed(void)
{
	struct kernel_sched_attr attr;
	cpu_set_t cpus;
	read_attr(&attr);
	read_cpus(&cpus);
	if (memcmp(&attr, &initial_attr, sizeof attr))
		return "scheduling policy, nice value or clamps";
	if (!CPU_EQUAL(&cpus, &initial_cpus))
		return "CPU affinity";
	if (read_ioprio() != initial_ioprio)
		return "I/O priority";
	return NULL;
}

void sched_restore(void)
{
	if (!changed())
		return;
	/* CAP_SYS_NICE: lowering the nice value, leaving SCHED_IDLE */
	struct kernel_sched_attr want = initial_attr;
	want.sched_flags |= SCHED_FLAG_UTIL_CLAMP;
	if (syscall(SYS_sched_setattr, 0, &want, 0)) {
		if (errno == ENOSYS) { /* a kernel without sched_setattr (gVisor's) */
			struct sched_param param = {.sched_priority = initial_attr.sched_priority};
			sched_setscheduler(0, initial_attr.sched_policy, &param);
			setpriority(PRIO_PROCESS, 0, initial_attr.sched_nice);
		} else { /* a kernel without clamps */
			want.sched_flags = initial_attr.sched_flags;
			syscall(SYS_sched_setattr, 0, &want, 0);
		}
	}
	sched_setaffinity(0, sizeof initial_cpus, &initial_cpus);
	syscall(SYS_ioprio_set, IOPRIO_WHO_PROCESS, 0, initial_ioprio);
	const char *what = changed();
	if (what)
		fatal("the supervisor's %s was changed and can't be put back", what);
}
