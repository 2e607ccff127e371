/*
 * A later run's view of what the container kept between jobs beside processes
 * and files: the container's identity, the work directory's extended
 * attributes and inode flags, the mode of a file created now, the TCP sockets
 * of the container's network namespace and whether port 5555 can be bound, and
 * the namespace's TCP metrics cache (which any user may list).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/tcp_metrics.h>
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

/* Entries of the network namespace's TCP metrics cache (generic netlink family "tcp_metrics"), or -1. */
static int tcp_metrics_entries(void)
{
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (fd < 0)
		return -1;
	struct {
		struct nlmsghdr n;
		struct genlmsghdr g;
		char attrs[64];
	} req = {.n = {.nlmsg_type = GENL_ID_CTRL, .nlmsg_flags = NLM_F_REQUEST}, .g = {.cmd = CTRL_CMD_GETFAMILY, .version = 1}};
	struct nlattr *name = (struct nlattr *)req.attrs;
	name->nla_type = CTRL_ATTR_FAMILY_NAME;
	name->nla_len = NLA_HDRLEN + sizeof TCP_METRICS_GENL_NAME;
	memcpy((char *)name + NLA_HDRLEN, TCP_METRICS_GENL_NAME, sizeof TCP_METRICS_GENL_NAME);
	req.n.nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN) + NLA_ALIGN(name->nla_len);
	static char buf[65536];
	int family = -1, entries = 0;
	if (send(fd, &req, req.n.nlmsg_len, 0) < 0)
		goto out;
	ssize_t len = recv(fd, buf, sizeof buf, 0);
	for (struct nlmsghdr *n = (void *)buf; len > 0 && NLMSG_OK(n, len); n = NLMSG_NEXT(n, len)) {
		if (n->nlmsg_type != GENL_ID_CTRL)
			continue;
		int alen = n->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN);
		for (struct nlattr *a = (void *)((char *)NLMSG_DATA(n) + GENL_HDRLEN); alen >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN;
		     alen -= NLA_ALIGN(a->nla_len), a = (void *)((char *)a + NLA_ALIGN(a->nla_len)))
			if (a->nla_type == CTRL_ATTR_FAMILY_ID)
				family = *(unsigned short *)((char *)a + NLA_HDRLEN);
	}
	if (family < 0)
		goto out;
	req.n = (struct nlmsghdr){.nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN), .nlmsg_type = family, .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP};
	req.g = (struct genlmsghdr){.cmd = TCP_METRICS_CMD_GET, .version = TCP_METRICS_GENL_VERSION};
	if (send(fd, &req, req.n.nlmsg_len, 0) < 0)
		goto out;
	for (;;) {
		len = recv(fd, buf, sizeof buf, 0);
		if (len <= 0)
			goto out;
		for (struct nlmsghdr *n = (void *)buf; NLMSG_OK(n, len); n = NLMSG_NEXT(n, len)) {
			if (n->nlmsg_type == NLMSG_DONE) {
				close(fd);
				return entries;
			}
			if (n->nlmsg_type == NLMSG_ERROR)
				goto out;
			entries++;
		}
	}
out:
	close(fd);
	return -1;
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

	printf("tcp-metrics=%d\n", tcp_metrics_entries());
	printf("tcp-sockets=%d\n", table_rows("/proc/net/tcp") + table_rows("/proc/net/tcp6"));
	struct sockaddr_in at = {.sin_family = AF_INET, .sin_port = htons(5555), .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	int s = socket(AF_INET, SOCK_STREAM, 0);
	printf("bind-5555=%s\n", bind(s, (struct sockaddr *)&at, sizeof at) ? strerror(errno) : "ok");
	return 0;
}
