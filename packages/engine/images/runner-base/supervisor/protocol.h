/*
 * The protocol's constants (PROTOCOL.md): frame types, RUN and EXIT flags, COLLECT's
 * outcomes, frame sizes and bounds.
 * The engine's side is src/protocol/frames.ts, messages.ts and collect.ts; a unit test there
 * (protocol-constants.test.ts) reads this file and fails when the two differ;
 * smoke-test.py takes the flags from it too.
 */
#ifndef WARMBOX_PROTOCOL_H
#define WARMBOX_PROTOCOL_H

#define MAX_FRAME (64u << 20) /* largest value of a frame's length field */
#define CHUNK (64u << 10)     /* largest STDOUT/STDERR/COLLECTED_DATA payload, and read size */

/* Bounds of one COLLECT's answer: past one the supervisor refuses (COLLECT_END's outcome). */
#define COLLECT_MAX_BYTES (32u << 20) /* bytes of all regular files together */
#define COLLECT_MAX_ENTRIES 10000u    /* entries of any type walked below /box */
#define COLLECT_MAX_PATH 1024u        /* bytes of a name sent: a request file name's bound */

enum frame_type {
	/* engine → supervisor */
	FRAME_FILE = 'F',
	FRAME_RUN = 'R',
	FRAME_STDIN = 'I',
	FRAME_STDIN_END = 'i',
	FRAME_KILL = 'K',
	FRAME_WIPE = 'W',
	FRAME_COLLECT = 'G',
	/* supervisor → engine */
	FRAME_HELLO = 'H',
	FRAME_STDOUT = 'O',
	FRAME_STDERR = 'E',
	FRAME_EXIT = 'X',
	FRAME_CLEAN = 'C',
	FRAME_COLLECTED_FILE = 'f',
	FRAME_COLLECTED_DATA = 'd',
	FRAME_COLLECT_END = 'g',
	FRAME_ERROR = 'Z',
};

/* The `flags` field of RUN. */
enum run_flag {
	RUN_STDIN_STREAMED = 1u << 0, /* STDIN frames may follow RUN, until STDIN_END */
	RUN_TEMPLATE = 1u << 1,       /* start it by the image's template when it can (PROTOCOL.md) */
};

/* The `flags` field of EXIT. */
enum exit_flag {
	EXIT_WALL_TIMEOUT = 1u << 0,
	EXIT_CPU_TIMEOUT = 1u << 1,
	EXIT_OUTPUT_LIMIT = 1u << 2,
	EXIT_OUT_OF_MEMORY = 1u << 3,
	EXIT_KILLED = 1u << 4,
	EXIT_EXEC_FAILED = 1u << 5,
};

/* The `outcome` field of COLLECT_END. */
enum collect_outcome {
	COLLECT_DONE = 0,             /* every regular file was sent */
	COLLECT_TOO_MANY_BYTES = 1,   /* refused: more than COLLECT_MAX_BYTES */
	COLLECT_TOO_MANY_ENTRIES = 2, /* refused: more than COLLECT_MAX_ENTRIES */
	COLLECT_PATH_TOO_LONG = 3,    /* refused: a name longer than COLLECT_MAX_PATH */
};

#endif
