import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    "(import (chicken process-context) (chicken string))",
    "",
    '(display "hello\\n")',
    "(let copy ((c (read-char)))",
    "  (unless (eof-object? c) (write-char c) (copy (read-char))))",
    '(display (string-intersperse (command-line-arguments) " "))',
    "(newline)",
  ].join("\n"),
  exit3: ["(exit 3)"].join("\n"),
  loop: ["(let forever () (forever))"].join("\n"),
};
