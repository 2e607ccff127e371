/* The sandbox user, and killing and wiping everything of the job. */
#ifndef WARMBOX_SANDBOX_H
#define WARMBOX_SANDBOX_H

#include <stdint.h>
#include <sys/types.h>

/*
 * The sandbox user's uid: the engine gives every container one of its own
 * (WARMBOX_SANDBOX_UID), so the kernel's per-uid counts (inotify, pipe pages,
 * fds in flight, message queue space) are never shared with another tenant.
 * Every sandbox shares the gid.
 */
extern uid_t sandbox_uid;
#define SANDBOX_GID 1000

void sandbox_uid_init(void); /* reads WARMBOX_SANDBOX_UID (default 1000); fatal if invalid */

uint64_t now_ns(void); /* the monotonic clock */
void sandbox_kill_all(void); /* one SIGKILL to every process but init and us */
void sandbox_sweep(int job_over);
void sandbox_wipe(void);

#endif
