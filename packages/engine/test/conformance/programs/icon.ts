import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    "procedure main(args)",
    "  local chunk, i",
    '  write("hello")',
    "  while chunk := reads(&input, 4096) do writes(chunk)",
    '  every i := 1 to *args do writes(if i > 1 then " " else "", args[i])',
    "  write()",
    "end",
  ].join("\n"),
  exit3: ["procedure main()", "  exit(3)", "end"].join("\n"),
  loop: ["procedure main()", "  repeat { }", "end"].join("\n"),
  compileError: ["procedure main()", "  x := ;", "end"].join("\n"),
  compileMessage: /invalid argument/,
};
