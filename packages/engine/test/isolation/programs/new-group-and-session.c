/*
 * Processes that left the program's process group and session: A starts a
 * new session, its child B a new process group inside it, B's child C a
 * session of its own. A kill of the program's group or session misses them.
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
			setpgid(0, 0);
			if (fork() == 0) {
				setsid();
				dprintf(out[1], "c-session-differs=%s\n", getsid(0) != getsid(me) ? "yes" : "no");
				haunt("new-session-c");
			}
			usleep(50000);
			dprintf(out[1], "b-group-differs=%s\n", getpgid(0) != getpgid(me) ? "yes" : "no");
			haunt("new-group-b");
		}
		usleep(100000);
		dprintf(out[1], "a-session-differs=%s\n", getsid(0) != getsid(me) ? "yes" : "no");
		haunt("new-session-a");
	}
	close(out[1]);
	char text[256];
	ssize_t n = 0;
	for (int lines = 0; lines < 3;) {
		ssize_t r = read(out[0], text + n, sizeof text - 1 - n);
		if (r <= 0)
			break;
		for (ssize_t i = n; i < n + r; i++)
			lines += text[i] == '\n';
		n += r;
	}
	text[n] = 0;
	fputs(text, stdout);
	puts("planted=yes");
	return 0;
}
