import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    '(format t "hello~%")',
    "(loop for line = (read-line *standard-input* nil)",
    "      while line",
    "      do (write-line line))",
    '(format t "~{~a~^ ~}~%" (rest sb-ext:*posix-argv*))',
  ].join("\n"),
  exit3: ["(sb-ext:exit :code 3)"].join("\n"),
  loop: ["(loop)"].join("\n"),
};
