import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: ["echo hello", "cat", "printf '%s\\n' (string join ' ' -- $argv)"].join("\n"),
  exit3: ["exit 3"].join("\n"),
  loop: ["while true", "end"].join("\n"),
};
