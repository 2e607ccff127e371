import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: ['say "hello";', "print $*IN.slurp;", 'say @*ARGS.join(" ");'].join("\n"),
  exit3: ["exit 3;"].join("\n"),
  loop: ["loop { }"].join("\n"),
};
