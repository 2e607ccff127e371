#ifndef WARMBOX_MQUEUE_GUARD_H
#define WARMBOX_MQUEUE_GUARD_H

/* In the stage's child, before exec: 0, or -1 with errno set. */
int refuse_unwipeable_message_queues(void);

#endif
