/*
 * Six threads in two processes spin forever: only a limit on the CPU time of all
 * of them ends it. Two processes, because RLIMIT_CPU (the supervisor's backstop)
 * counts one process's threads: each may use its 2 s before SIGXCPU, so a stop
 * before that is the cgroup's count of all six.
 */
#include <pthread.h>
#include <unistd.h>

static void *spin(void *unused)
{
	for (;;) {
	}
	return unused;
}

int main(void)
{
	fork();
	pthread_t threads[2];
	for (int i = 0; i < 2; i++)
		pthread_create(&threads[i], NULL, spin, NULL);
	spin(NULL);
}
