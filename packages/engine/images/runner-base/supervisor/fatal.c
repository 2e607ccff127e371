/* Ending the supervisor: the engine is gone (quit), or the container is unusable (fatal). */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "fatal.h"
#include "frame.h"
#include "sandbox.h"

/* Kills whatever the job still runs (proof is moot: the container ends with us), then exits. */
void quit(int code)
{
	static int quitting;
	if (!quitting) {
		quitting = 1;
		sandbox_kill_all();
	}
	_exit(code);
}

/* The container is unusable: say why on both channels and exit 2. */
void fatal(const char *fmt, ...)
{
	static int failing;
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (failing++) /* a failure while reporting a failure */
		_exit(2);
	dprintf(2, "warmbox-supervisor: %s\n", msg);
	frame_send(FRAME_ERROR, msg, strlen(msg));
	quit(2);
}
