/* Five threads spin forever: only a limit on the CPU time of all of them ends it. */
#include <pthread.h>

static void *spin(void *unused)
{
	for (;;) {
	}
	return unused;
}

int main(void)
{
	pthread_t threads[4];
	for (int i = 0; i < 4; i++)
		pthread_create(&threads[i], NULL, spin, NULL);
	spin(NULL);
}
