/*
 * Marks the work directory itself, which the wipe empties but keeps: an
 * extended attribute holding a secret, a default ACL that takes every right
 * from the owner of each file created in it later (the next job's compiler
 * output, its data files), and the no-atime inode flag.
 */
#include <fcntl.h>
#include <linux/fs.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/xattr.h>
#include <unistd.h>

/* The kernel's POSIX ACL xattr format: a version, then (tag, perm, id) entries. */
struct acl_entry {
	uint16_t tag, perm;
	uint32_t id;
};

int main(void)
{
	const char *secret = "secret-of-run-a";
	int ok = !setxattr("/box", "user.leak", secret, strlen(secret), 0);
	struct {
		uint32_t version;
		struct acl_entry e[3];
	} acl = {2, {{0x01 /* owner */, 0, ~0u}, {0x04 /* group */, 7, ~0u}, {0x20 /* other */, 7, ~0u}}};
	ok &= !setxattr("/box", "system.posix_acl_default", &acl, sizeof acl, 0);
	int fd = open("/box", O_RDONLY | O_DIRECTORY);
	int flags = FS_NOATIME_FL;
	ok &= fd >= 0 && !ioctl(fd, FS_IOC_SETFLAGS, &flags);
	printf("planted=%s\n", ok ? "yes" : "no");
	return 0;
}
