/*
 * A later run's view of what the container kept between jobs beside processes
 * and files: the container's identity, the work directory's extended
 * attributes and inode flags, the mode of a file created now, the TCP sockets
 * of the container's network namespace and whether port 5555 can be bound.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

/* Lines of a /proc/net table after its header. */
static int table_rows(const char *path)
{
	FILE *f = fopen(path, "r");
	int rows = -1;
	char line[512];
	while (f && fgets(line, sizeof line, f))
		rows++;
	if (f)
		fclose(f);
	return rows;
}

int main(void)
{
	char host[256] = "", stat[1024] = "", names[4096];
	gethostname(host, sizeof host);
	FILE *f = fopen("/proc/1/stat", "r");
	if (f && fgets(stat, sizeof stat, f)) {
		char *field = strrchr(stat, ')');
		for (int i = 0; field && i < 20; i++) /* field 22: after ')' come fields 3, 4, ... */
			field = strchr(field + 1, ' ');
		printf("init-start=%ld\n", field ? strtol(field + 1, NULL, 10) : -1L);
	}
	printf("host=%s\n", host);

	ssize_t n = listxattr("/box", names, sizeof names);
	printf("box-xattrs=");
	for (ssize_t at = 0; at < n; at += strlen(names + at) + 1)
		printf("%s%s", at ? "," : "", names + at);
	printf("\n");
	int flags = -1, dir = open("/box", O_RDONLY | O_DIRECTORY);
	ioctl(dir, FS_IOC_GETFLAGS, &flags);
	printf("box-flags=%d\n", flags);

	int fd = open("/box/new-file", O_WRONLY | O_CREAT | O_EXCL, 0644);
	struct stat st = {0};
	fstat(fd, &st);
	printf("new-file-mode=%o\n", st.st_mode & 07777);

	printf("tcp-sockets=%d\n", table_rows("/proc/net/tcp") + table_rows("/proc/net/tcp6"));
	struct sockaddr_in at = {.sin_family = AF_INET, .sin_port = htons(5555), .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	int s = socket(AF_INET, SOCK_STREAM, 0);
	printf("bind-5555=%s\n", bind(s, (struct sockaddr *)&at, sizeof at) ? strerror(errno) : "ok");
	return 0;
}
