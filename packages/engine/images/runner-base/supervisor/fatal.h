/* Ending the supervisor: the engine is gone (quit), or the container is unusable (fatal). */
#ifndef WARMBOX_FATAL_H
#define WARMBOX_FATAL_H

_Noreturn void quit(int code);
_Noreturn void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
