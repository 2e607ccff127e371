/* The supervisor's own scheduling, put back after every sweep. */
#ifndef WARMBOX_SCHEDULING_H
#define WARMBOX_SCHEDULING_H

void sched_remember(void); /* once, at start */
void sched_restore(void);  /* ERROR when it can't be put back */

#endif
