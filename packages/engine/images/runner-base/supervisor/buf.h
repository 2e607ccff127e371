/* A growable byte buffer. */
#ifndef WARMBOX_BUF_H
#define WARMBOX_BUF_H

#include <stddef.h>

/* `off` is how much of `data` has been consumed. */
struct buf {
	char *data;
	size_t len, off, cap;
};

void buf_append(struct buf *b, const void *p, size_t n);
void buf_free(struct buf *b);

#endif
