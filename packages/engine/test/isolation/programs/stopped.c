/* A background process stopped with SIGSTOP: it does nothing until someone continues it. */
#include "survivor.h"
#include <signal.h>

int main(void)
{
	pid_t child = fork();
	if (child == 0)
		haunt("stopped");
	usleep(50000);
	kill(child, SIGSTOP);
	await_field("state", child, "State", "T");
	puts("planted=yes");
	return 0;
}
