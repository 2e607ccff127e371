import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    "int main (string[] args) {",
    '    stdout.printf ("hello\\n");',
    "    string? line;",
    "    while ((line = stdin.read_line ()) != null) {",
    '        stdout.printf ("%s\\n", line);',
    "    }",
    '    stdout.printf ("%s\\n", string.joinv (" ", args[1:args.length]));',
    "    return 0;",
    "}",
  ].join("\n"),
  exit3: ["int main () {", "    return 3;", "}"].join("\n"),
  loop: ["void main () {", "    for (;;) {", "    }", "}"].join("\n"),
  compileError: ["void main () {", '    int x = "text";', "}"].join("\n"),
  compileMessage: /error/,
};
