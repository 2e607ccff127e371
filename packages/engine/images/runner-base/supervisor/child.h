/* The forked child of a stage, up to the exec of the program. */
#ifndef WARMBOX_CHILD_H
#define WARMBOX_CHILD_H

#include <stdint.h>

/* What RUN says about the program itself. */
struct program {
	char **argv, **envp; /* one allocation at argv, their strings included */
	uint32_t cpu_ms;     /* 0: no limit */
	uint64_t fsize;      /* RLIMIT_FSIZE; 0: no limit */
};

/* What the child writes to its status pipe when it can't start the program (EOF: the exec worked). */
enum child_failure { EXEC_FAILED = 'E', SETUP_FAILED = 'S' };

/* In the forked child: fds become 0, 1, 2; a failure is reported on status_w. */
_Noreturn void child_exec(const struct program *p, const int fds[3], int status_w);

#endif
