/* A growable byte buffer. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fatal.h"

void buf_append(struct buf *b, const void *p, size_t n)
{
	if (b->off == b->len)
		b->off = b->len = 0;
	if (b->len + n > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		while (cap < b->len + n)
			cap *= 2;
		if (!(b->data = realloc(b->data, cap)))
			fatal("out of memory");
		b->cap = cap;
	}
	memcpy(b->data + b->len, p, n);
	b->len += n;
}

void buf_free(struct buf *b)
{
	free(b->data);
	*b = (struct buf){0};
}
