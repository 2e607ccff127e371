/* Unix sockets a job left in flight (sent with SCM_RIGHTS and never received). */
#ifndef WARMBOX_UNIX_SOCKETS_H
#define WARMBOX_UNIX_SOCKETS_H

#include <stdint.h>
#include <sys/types.h>

/*
 * Once no process of the job is left: lets the kernel's collector free what the job left in
 * flight, and waits until the network namespace's /proc/net/unix lists no socket but those open
 * in this process or in `other_owner` (0: none; the template), polling until `deadline` (now_ns).
 * Returns how many other sockets are still listed (0: clean), -1 (errno set) when the list can't
 * be read.
 */
long unix_sockets_settle(pid_t other_owner, uint64_t deadline);

#endif
