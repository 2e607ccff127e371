/* The sandbox user, and killing and wiping everything of the job. */
#ifndef WARMBOX_SANDBOX_H
#define WARMBOX_SANDBOX_H

#include <stdint.h>

#define SANDBOX_UID 1000
#define SANDBOX_GID 1000

uint64_t now_ns(void); /* the monotonic clock */
void sandbox_kill_all(void); /* one SIGKILL to every process but init and us */
void sandbox_sweep(int job_over);
void sandbox_wipe(void);

#endif
