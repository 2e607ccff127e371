import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    'print "hello"',
    "while (not eof(0))",
    '    line input "" a$',
    "    print a$",
    "wend",
    'n = peek("arguments")',
    "for i = 1 to n",
    '    if i > 1 then print " "; : fi',
    '    print peek$("argument");',
    "next i",
    "print",
  ].join("\n"),
  exit3: ["exit 3"].join("\n"),
  loop: ["do", "loop"].join("\n"),
};
