/* One C program, two tests of one judge: "replace" (test 1) swaps the compiled program in its
 * work directory for a script that prints "replaced"; "run" (test 2) says it is the original. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void) {
  char what[16] = "";
  if (!fgets(what, sizeof what, stdin)) return 2;
  if (strncmp(what, "replace", 7) == 0) {
    if (unlink("main") != 0) return 3;
    FILE *script = fopen("main", "w");
    if (!script) return 4;
    fputs("#!/bin/sh\necho replaced\n", script);
    fclose(script);
    chmod("main", 0755);
  }
  puts("original");
  return 0;
}
