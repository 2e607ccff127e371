import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    '(write-line "hello")',
    "(loop for c = (read-char *standard-input* nil) while c do (write-char c))",
    '(format t "~{~a~^ ~}~%" (cdr ext:*unprocessed-ecl-command-args*))',
  ].join("\n"),
  exit3: ["(ext:quit 3)"].join("\n"),
  loop: ["(loop)"].join("\n"),
};
