/* Polling for the exit of the stage's main process. */
#ifndef WARMBOX_EXIT_WATCH_H
#define WARMBOX_EXIT_WATCH_H

#include <sys/types.h>

int exit_watch_open(pid_t pid);
int exit_watch_exited(int fd, pid_t pid);
void exit_watch_close(int fd);

#endif
