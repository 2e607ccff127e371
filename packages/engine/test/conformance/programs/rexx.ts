import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    'say "hello"',
    "do forever",
    "  c = charin()",
    '  if c == "" then leave',
    "  call charout , c",
    "end",
    "parse arg args",
    "say args",
  ].join("\n"),
  exit3: ["exit 3"].join("\n"),
  loop: ["do forever", "end"].join("\n"),
};
