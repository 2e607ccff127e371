import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    "(use-modules (ice-9 textual-ports))",
    "",
    '(display "hello")',
    "(newline)",
    "(let ((input (get-string-all (current-input-port))))",
    "  (when (string? input) (display input)))",
    '(display (string-join (cdr (command-line)) " "))',
    "(newline)",
  ].join("\n"),
  exit3: ["(exit 3)"].join("\n"),
  loop: ["(let loop () (loop))"].join("\n"),
};
