/*
 * Leaves a TCP connection of the container's loopback in TIME_WAIT on a fixed
 * port: the server side closes first, so the socket outlives the process (60 s
 * by default) and a later run's bind() to that port without SO_REUSEADDR fails.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void)
{
	struct sockaddr_in at = {.sin_family = AF_INET, .sin_port = htons(5555), .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	int server = socket(AF_INET, SOCK_STREAM, 0), client = socket(AF_INET, SOCK_STREAM, 0);
	int ok = !bind(server, (struct sockaddr *)&at, sizeof at) && !listen(server, 1) &&
		 !connect(client, (struct sockaddr *)&at, sizeof at);
	int accepted = ok ? accept(server, NULL, NULL) : -1;
	ok &= accepted >= 0 && !close(accepted); /* the active close: TIME_WAIT is on this side */
	usleep(100000);                         /* the client's ACK of our FIN */
	close(client);
	close(server);
	printf("planted=%s\n", ok ? "yes" : "no");
	return 0;
}
