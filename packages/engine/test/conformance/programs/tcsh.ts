import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: ["echo hello", "cat", 'echo "$argv"'].join("\n"),
  exit3: ["exit 3"].join("\n"),
  loop: ["while (1)", "end"].join("\n"),
};
