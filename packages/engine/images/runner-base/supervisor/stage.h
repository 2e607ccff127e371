/* Running one stage: RUN in, STDOUT/STDERR out while it runs, EXIT at the end. */
#ifndef WARMBOX_STAGE_H
#define WARMBOX_STAGE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* Stdin bytes that arrive outside a streamed stage. */
struct stdin_state {
	struct buf next; /* STDIN frames for the next stage */
	int discard;     /* a streamed stage ended before its STDIN_END: drop STDIN up to it */
};

void stage_run(const uint8_t *payload, size_t len, struct stdin_state *in);

#endif
