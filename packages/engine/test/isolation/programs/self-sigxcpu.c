/*
 * Ends itself with SIGXCPU, the signal of the kernel's CPU-time limit, having
 * used almost no CPU: the engine must not report a CPU-time limit it never hit.
 */
#include <signal.h>

int main(void)
{
	raise(SIGXCPU);
	return 0;
}
