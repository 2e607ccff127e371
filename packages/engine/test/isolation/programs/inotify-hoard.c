/*
 * Takes every inotify instance the kernel allows its user (max_user_instances,
 * counted per uid across the whole host), says so, and holds them for a while.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

int main(void)
{
	int held = 0;
	while (inotify_init() >= 0)
		held++;
	printf("held=%d\nstopped-by=%s\n", held, strerror(errno));
	fflush(stdout);
	sleep(6);
	return 0;
}
