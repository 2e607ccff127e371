/* Forks children that wait, until fork() is refused; prints how many it got. */
#include <stdio.h>
#include <unistd.h>

int main(void)
{
	int children = 0;
	for (;;) {
		pid_t pid = fork();
		if (pid < 0)
			break;
		if (pid == 0)
			pause();
		children++;
	}
	printf("%d\n", children);
	return 0;
}
