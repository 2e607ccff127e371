import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    "int main(int argc, array(string) argv)",
    "{",
    '  write("hello\\n");',
    "  write(Stdio.stdin.read());",
    '  write(argv[1..] * " " + "\\n");',
    "  return 0;",
    "}",
  ].join("\n"),
  exit3: ["int main()", "{", "  return 3;", "}"].join("\n"),
  loop: ["int main()", "{", "  while (1) {}", "}"].join("\n"),
};
