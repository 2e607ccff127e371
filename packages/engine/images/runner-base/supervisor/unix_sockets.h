/* Unix sockets a job left in flight (sent with SCM_RIGHTS and never received). */
#ifndef WARMBOX_UNIX_SOCKETS_H
#define WARMBOX_UNIX_SOCKETS_H

#include <stdint.h>
#include <sys/types.h>

/*
 * At start-up, before any job: plants the probe that tells whether the kernel collects cycles of
 * unix sockets (Linux) or not (gVisor). -1 (errno set) when it can't be planted.
 */
int unix_sockets_init(void);

/*
 * Once no process of the job is left: lets the kernel's collector free what the job left in
 * flight, and waits until the network namespace's /proc/net/unix lists no socket but those open
 * in this process or in `other_owner` (0: none; the template), polling until `deadline` (now_ns).
 * Returns how many other sockets are still listed (0: clean), -1 (errno set) when the list can't
 * be read. The first call waits for the start-up probe's answer (unix_sockets_init).
 */
long unix_sockets_settle(pid_t other_owner, uint64_t deadline);

/*
 * After unix_sockets_settle found no socket of the job: on a kernel that collects cycles, waits
 * until what the job's collected sockets held (an flock, deleted files) is closed too, which
 * the list of sockets can't show. 0 when it is (or there is no collector: then nothing of the
 * job was collected), -1 (errno set; ETIMEDOUT at the deadline) when it can't be proven.
 */
int unix_sockets_released(uint64_t deadline);

#endif
