import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    "BEGIN {",
    '    print "hello"',
    '    while ((getline line < "-") > 0) print line',
    '    for (i = 1; i < ARGC; i++) printf "%s%s", (i > 1 ? " " : ""), ARGV[i]',
    '    print ""',
    "    exit",
    "}",
  ].join("\n"),
  exit3: ["BEGIN { exit 3 }"].join("\n"),
  loop: ["BEGIN { while (1) {} }"].join("\n"),
};
