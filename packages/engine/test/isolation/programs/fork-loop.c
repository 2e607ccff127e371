/*
 * Processes busy forking when the sweep runs: four "walkers" that each fork a
 * child and exit, over and over, so the walker's pid is never the same for
 * long, and every generation touches a file first.
 */
#include "survivor.h"

int main(void)
{
	for (int i = 0; i < 4; i++) {
		if (fork() == 0) {
			setsid();
			for (;;) {
				touch("fork-loop");
				pid_t next = fork();
				if (next > 0)
					_exit(0);
			}
		}
	}
	usleep(100000);
	puts("planted=yes");
	return 0;
}
