/*
 * A vfork child that never execs: its parent stays suspended inside vfork()
 * (State D) while the child runs on in the parent's memory.
 */
#include "survivor.h"

int main(void)
{
	pid_t parent = fork();
	if (parent == 0) {
		if (vfork() == 0)
			haunt("vfork-child");
		_exit(0);
	}
	await_field("parent-state", parent, "State", "D");
	puts("planted=yes");
	return 0;
}
