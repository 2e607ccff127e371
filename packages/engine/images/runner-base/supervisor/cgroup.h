/* The container's cgroup counters, as the kernel keeps them. */
#ifndef WARMBOX_CGROUP_H
#define WARMBOX_CGROUP_H

#include <stdint.h>

/* 0 (or -1 for cg_tasks) when unknown */
uint64_t cg_cpu_ns(void);
uint64_t cg_oom_kills(void);
long cg_tasks(void);

#endif
