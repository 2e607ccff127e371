/*
 * A daemon, made the classic way: fork, setsid, fork again (so it is no session
 * leader and its parent is gone), cd /, stdio to /dev/null. It haunts /tmp
 * until killed; its session and group are no longer the program's.
 */
#include "survivor.h"

int main(void)
{
	pid_t me = getpid();
	int out[2];
	if (pipe(out))
		return 1;
	if (fork() == 0) {
		setsid();
		if (fork() == 0) {
			if (chdir("/"))
				_exit(1);
			int null = open("/dev/null", O_RDWR);
			dprintf(out[1], "session-differs=%s\nparent-gone=yes\n", getsid(0) != getsid(me) ? "yes" : "no");
			close(out[1]);
			dup2(null, 0);
			dup2(null, 1);
			dup2(null, 2);
			haunt("daemon");
		}
		_exit(0);
	}
	close(out[1]);
	char text[128];
	ssize_t n = read(out[0], text, sizeof text - 1);
	text[n > 0 ? n : 0] = 0;
	fputs(text, stdout);
	puts("planted=yes");
	return 0;
}
