import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  // undivert() copies a file (here stdin) to the output as it is, unexpanded.
  echo: ["hello", "undivert(`/dev/stdin')dnl", "ARGS", ""].join("\n"),
  exit3: ["m4exit(3)"].join("\n"),
  loop: ["define(`forever', `forever')forever"].join("\n"),
};
