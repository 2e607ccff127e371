import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    '(prinl "hello")',
    "(in NIL (while (rd 1) (wr @)))",
    '(prinl (glue " " (argv)))',
    "(bye)",
  ].join("\n"),
  exit3: ["(bye 3)"].join("\n"),
  loop: ["(loop)"].join("\n"),
};
