/* warmbox-supervisor: shared declarations. The wire format is in PROTOCOL.md. */
#ifndef WARMBOX_SUPERVISOR_H
#define WARMBOX_SUPERVISOR_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define SANDBOX_UID 1000
#define SANDBOX_GID 1000
#define MAX_FRAME (64u << 20) /* largest value of a frame's length field */
#define CHUNK (64u << 10)     /* largest STDOUT/STDERR payload, and read size */

enum frame_type {
	T_FILE = 'F', T_RUN = 'R', T_STDIN = 'I', T_STDIN_END = 'i', T_KILL = 'K', T_WIPE = 'W',
	T_HELLO = 'H', T_STDOUT = 'O', T_STDERR = 'E', T_EXIT = 'X', T_CLEAN = 'C', T_ERROR = 'Z',
};

/* EXIT flags */
enum {
	EXIT_WALL_TIMEOUT = 1 << 0,
	EXIT_CPU_TIMEOUT = 1 << 1,
	EXIT_OUTPUT_LIMIT = 1 << 2,
	EXIT_OOM = 1 << 3,
	EXIT_KILLED = 1 << 4,
	EXIT_EXEC_FAILED = 1 << 5,
};

/* RUN flags */
#define RUN_STDIN_STREAMED 1u

/* A growable byte buffer; `off` is how much of it has been consumed. */
struct buf {
	char *data;
	size_t len, off, cap;
};
void buf_append(struct buf *b, const void *p, size_t n);
void buf_free(struct buf *b);

/* Stdin bytes that arrive outside a streamed stage. */
struct stdin_state {
	struct buf next; /* STDIN frames for the next stage */
	int discard;     /* a streamed stage ended before its STDIN_END: drop STDIN up to it */
};

/* frame.c */
int frame_fill(void); /* one read of the protocol stream; 0 at EOF */
int frame_next(uint8_t *type, const uint8_t **payload, size_t *len);
void frame_send(uint8_t type, const void *payload, size_t len);
void frame_send2(uint8_t type, const void *a, size_t alen, const void *b, size_t blen);
_Noreturn void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void quit(int code);

static inline uint32_t get_u16(const uint8_t *p) { return p[0] | (uint32_t)p[1] << 8; }
static inline uint32_t get_u32(const uint8_t *p) { return get_u16(p) | get_u16(p + 2) << 16; }
static inline uint64_t get_u64(const uint8_t *p) { return get_u32(p) | (uint64_t)get_u32(p + 4) << 32; }
static inline void put_u32(uint8_t *p, uint32_t v) { for (int i = 0; i < 4; i++) p[i] = v >> (8 * i); }
static inline void put_u64(uint8_t *p, uint64_t v) { for (int i = 0; i < 8; i++) p[i] = v >> (8 * i); }

/* cgroup.c: the container's counters; 0 (or -1 for cg_tasks) when unknown */
uint64_t cg_cpu_ns(void);
uint64_t cg_oom_kills(void);
long cg_tasks(void);

/* sandbox.c */
uint64_t now_ns(void);
void sandbox_kill_all(void); /* one SIGKILL to every process but init and us */
void sandbox_sweep(int with_ipc);
void sandbox_wipe(void);

/* scheduling.c: the supervisor's own scheduling, put back after every sweep */
void sched_remember(void);
void sched_restore(void);

/* stage.c */
void stage_run(const uint8_t *payload, size_t len, struct stdin_state *in);

#endif
