import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: ["echo hello", "cat", "echo $*"].join("\n"),
  exit3: ["exit 3"].join("\n"),
  loop: ["while (true) {}"].join("\n"),
};
