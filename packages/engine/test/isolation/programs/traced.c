/*
 * A traced process: one background process (the tracee) is seized by its
 * sibling (the tracer) with ptrace and held in a trace stop; both stay.
 */
#include "survivor.h"
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

int main(void)
{
	pid_t tracee = fork();
	if (tracee == 0) {
		prctl(PR_SET_PTRACER, PR_SET_PTRACER_ANY); /* Yama: a sibling may trace us */
		haunt("tracee");
	}
	pid_t tracer = fork();
	if (tracer == 0) {
		if (ptrace(PTRACE_SEIZE, tracee, 0, 0) || ptrace(PTRACE_INTERRUPT, tracee, 0, 0))
			_exit(1);
		waitpid(tracee, NULL, __WALL);
		haunt("tracer");
	}
	/* t: stopped by its tracer. A tracer refused ptrace (gVisor: the supervisor's filter)
	 * exits at once: then there is nothing to wait for. */
	for (int i = 0; i < 500 && strncmp(status_field(tracee, "State"), "t", 1); i++) {
		if (waitpid(tracer, NULL, WNOHANG) == tracer)
			break;
		usleep(10000);
	}
	printf("tracee-state=%s\n", status_field(tracee, "State"));
	printf("traced-by-sibling=%s\n", atoi(status_field(tracee, "TracerPid")) == tracer ? "yes" : "no");
	puts("planted=yes");
	return 0;
}
