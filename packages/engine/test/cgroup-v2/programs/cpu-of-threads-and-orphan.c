/*
 * CPU time the kernel counts in the container's cgroup and no wait4 of the main
 * process can see: two threads spin until the main process has used 0.8 s, and a
 * child that the main process never waits for spins 0.4 s of its own. Prints
 * own=<main's ms> child=<child's ms>, each by its own clock.
 */
#include <pthread.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static long cpu_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void *spin(void *limit)
{
	while (cpu_ms() < (long)limit) {
	}
	return NULL;
}

int main(void)
{
	int report[2];
	if (pipe(report))
		return 1;
	if (fork() == 0) {
		spin((void *)400L);
		dprintf(report[1], "%ld", cpu_ms());
		_exit(0);
	}
	close(report[1]);
	pthread_t thread;
	pthread_create(&thread, NULL, spin, (void *)800L);
	spin((void *)800L);
	pthread_join(thread, NULL);
	char child[32] = "";
	ssize_t n = read(report[0], child, sizeof child - 1);
	child[n > 0 ? n : 0] = 0;
	/* The child has ended (its report came at its end) and stays unwaited: a zombie. */
	printf("own=%ld\nchild=%s\n", cpu_ms(), child);
	return 0;
}
