import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    "(define (main args)",
    '  (display "hello\\n")',
    "  (let copy ((c (read-char)))",
    "    (unless (eof-object? c) (write-char c) (copy (read-char))))",
    '  (display (string-join (cdr args) " "))',
    "  (newline)",
    "  0)",
  ].join("\n"),
  exit3: ["(exit 3)"].join("\n"),
  loop: ["(let forever () (forever))"].join("\n"),
};
