import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    "puts hello",
    "fconfigure stdin -translation binary",
    "fconfigure stdout -translation binary",
    "puts -nonewline [read stdin]",
    'puts [join $argv " "]',
  ].join("\n"),
  exit3: ["exit 3"].join("\n"),
  loop: ["while {1} {}"].join("\n"),
};
