/*
 * Thread bomb: starts sleeping threads until pthread_create fails, then sleeps on.
 */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>
static void *sleeper(void *a) { for (;;) pause(); return a; }
int main(void) { int n = 0; pthread_t t;
  while (pthread_create(&t, 0, sleeper, 0) == 0) n++;
  printf("threads=%d\n", n); fflush(stdout); for (;;) pause(); }
