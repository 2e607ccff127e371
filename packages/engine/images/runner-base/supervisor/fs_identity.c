/*
 * The supervisor writes the job's files, wipes and collects /box as the
 * sandbox user, where only the owner's rights apply. Linux switches the
 * file-system ids alone (setfsuid, setfsgid). A kernel without them (gVisor's)
 * gets the effective ids switched instead, real and saved staying 0 so that
 * root comes back; that is as safe here, since the supervisor does this only
 * while no process of the job lives (before a run, or after the sweep).
 * Either way the switch is checked: what can't be done is fatal.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>
#include <sys/fsuid.h>
#include <unistd.h>

#include "fatal.h"
#include "fs_identity.h"
#include "sandbox.h"

static int by_effective_ids; /* the kernel has no setfsuid */

void fs_become_sandbox_user(void)
{
	setfsgid(SANDBOX_GID);
	setfsuid(sandbox_uid);
	if ((uid_t)setfsuid(-1) == sandbox_uid) /* setfsuid reports failure only this way */
		return;
	/* gVisor: setfsuid fails with ENOSYS, seen as -1 here */
	if (setresgid(0, SANDBOX_GID, 0) || setresuid(0, sandbox_uid, 0))
		fatal("taking the sandbox user's ids: %s", strerror(errno));
	by_effective_ids = 1;
}

void fs_become_root(void)
{
	if (!by_effective_ids) {
		setfsuid(0);
		setfsgid(0);
		return;
	}
	if (setresuid(0, 0, 0) || setresgid(0, 0, 0))
		fatal("taking root's ids back: %s", strerror(errno));
	by_effective_ids = 0;
}
