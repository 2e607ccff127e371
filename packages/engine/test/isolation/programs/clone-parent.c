/*
 * Siblings of the main process (clone with CLONE_PARENT): their parent is the
 * supervisor, which waits only for the main process. One lives on (haunting),
 * one exits at once (a zombie nobody reaps would count as a task of the job).
 */
#include "survivor.h"
#include <sched.h>
#include <signal.h>

static pid_t sibling(void)
{
	return (pid_t)syscall(SYS_clone, CLONE_PARENT | SIGCHLD, 0, 0, 0, 0);
}

int main(void)
{
	pid_t living = sibling();
	if (living == 0)
		haunt("sibling");
	pid_t dead = sibling();
	if (dead == 0)
		_exit(0);
	await_field("dead-state", dead, "State", "Z");
	printf("parent-of-living-is-mine=%s\n", strcmp(status_field(living, "PPid"), status_field(getpid(), "PPid")) ? "no" : "yes");
	puts("planted=yes");
	return 0;
}
