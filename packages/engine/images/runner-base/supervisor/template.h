/* The language's template ("zygote"): a pre-started interpreter that forks the stage's program. */
#ifndef WARMBOX_TEMPLATE_H
#define WARMBOX_TEMPLATE_H

#include <sys/types.h>

#include "child.h"

/* The image's template program; an image without one runs every stage with fork and exec. */
#define TEMPLATE_PATH "/usr/local/lib/warmbox/template"

/*
 * Starts the template with the stage's env when none runs, and waits until it is ready;
 * 0 when it is (the stage is measured after this: the template's start is not the program's).
 */
int template_prepare(char **envp);

/*
 * Asks the prepared template to start `p` with fds (stdin, stdout,
 * stderr, status) as a child of ours. The pid, or -1 when the template can't run this
 * program, isn't there or doesn't answer: the caller then forks and execs as usual.
 */
pid_t template_fork(const struct program *p, const int fds[4]);

/* Tasks the template adds to the container's count: 1 while it lives, else 0. */
int template_tasks(void);

/* The template's pid, 0 when none runs. */
pid_t template_pid(void);

/* The sweep reaped `pid`: when it was the template, it is gone. */
void template_reaped(pid_t pid);

#endif
