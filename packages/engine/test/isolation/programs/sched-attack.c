/*
 * Tries to change the supervisor's scheduling (its pid is our parent's): nice
 * value, policy (sched_setscheduler and sched_setattr), CPU affinity, I/O
 * priority. Prints what each call answered, then leaves a racer in the
 * background that repeats them all in a loop while the sweep after the job
 * runs (when an older supervisor briefly took the sandbox uid to kill).
 */
#include "survivor.h"
#include <errno.h>
#include <sched.h>
#include <sys/resource.h>

struct sched_attr_v1 {
	unsigned size, policy;
	unsigned long long flags;
	int nice;
	unsigned priority;
	unsigned long long runtime, deadline, period;
};

static pid_t supervisor;

static int try_all(void)
{
	int changed = 0;
	struct sched_param idle = {0};
	cpu_set_t one;
	CPU_ZERO(&one);
	CPU_SET(0, &one);
	struct sched_attr_v1 batch = {.size = sizeof batch, .policy = SCHED_BATCH, .nice = 19};
	changed += !setpriority(PRIO_PROCESS, supervisor, 19);
	changed += !sched_setscheduler(supervisor, SCHED_IDLE, &idle);
	changed += !syscall(SYS_sched_setattr, supervisor, &batch, 0);
	changed += !sched_setaffinity(supervisor, sizeof one, &one);
	changed += !syscall(SYS_ioprio_set, 1, supervisor, 3 << 13); /* IOPRIO_CLASS_IDLE */
	return changed;
}

int main(void)
{
	supervisor = getppid();
	errno = 0;
	printf("calls-that-worked=%d\n", try_all());
	if (fork() == 0) {
		setsid();
		for (;;)
			try_all();
	}
	puts("planted=yes");
	return 0;
}
