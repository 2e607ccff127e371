/*
 * Talks to itself over loopback addresses of its choosing: the kernel keeps
 * TCP metrics (RTT, cwnd) per destination address in the network namespace's
 * cache after the sockets are gone, and any later process may list them, so
 * the set of addresses is a message to a later run.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

static int talk(const char *address)
{
	struct sockaddr_in at = {.sin_family = AF_INET, .sin_port = htons(7000)};
	inet_pton(AF_INET, address, &at.sin_addr);
	int server = socket(AF_INET, SOCK_STREAM, 0), client = socket(AF_INET, SOCK_STREAM, 0);
	static char data[65536];
	int ok = !bind(server, (struct sockaddr *)&at, sizeof at) && !listen(server, 1) &&
		 !connect(client, (struct sockaddr *)&at, sizeof at);
	int peer = ok ? accept(server, NULL, NULL) : -1;
	ok &= peer >= 0 && write(client, data, sizeof data) == sizeof data;
	for (ssize_t got = 0, n; ok && got < (ssize_t)sizeof data; got += n)
		ok &= (n = read(peer, data, sizeof data)) > 0;
	close(client);
	close(peer);
	close(server);
	return ok;
}

int main(void)
{
	int ok = talk("127.0.0.42") & talk("127.0.1.7");
	printf("planted=%s\n", ok ? "yes" : "no");
	return 0;
}
