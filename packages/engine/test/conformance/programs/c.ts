import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    "#include <stdio.h>",
    "int main(int argc, char **argv) {",
    '  puts("hello");',
    "  int c;",
    "  while ((c = getchar()) != EOF) putchar(c);",
    '  for (int i = 1; i < argc; i++) printf(i > 1 ? " %s" : "%s", argv[i]);',
    '  puts("");',
    "  return 0;",
    "}",
  ].join("\n"),
  exit3: ["int main(void) { return 3; }"].join("\n"),
  loop: ["int main(void) {", "  for (;;) {}", "}"].join("\n"),
  compileError: ["int main(void) { return undefined_name; }"].join("\n"),
};
