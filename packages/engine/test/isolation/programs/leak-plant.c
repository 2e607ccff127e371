/* Run A: plants files in /tmp and /box and a signal-proof background process. */
#include "identity.h"
int main(void) { identity();
  FILE *f = fopen("/tmp/c-leak", "w"); fputs("x", f); fclose(f); mkdir("/box/sub", 0700);
  f = fopen("/box/sub/main.c", "w"); fputs("int main(void){return 42;}", f); fclose(f);
  if (fork() == 0) { setsid(); for (int s = 1; s < 65; s++) signal(s, SIG_IGN);
    if (fork() == 0) for (;;) pause(); _exit(0); }
  puts("planted=yes"); return 0; }
