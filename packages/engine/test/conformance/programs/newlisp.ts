import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    '(println "hello")',
    "(while (read 0 buf 4096) (print buf))",
    '(println (join (2 (main-args)) " "))',
    "(exit)",
  ].join("\n"),
  exit3: ["(exit 3)"].join("\n"),
  loop: ["(while true)"].join("\n"),
};
