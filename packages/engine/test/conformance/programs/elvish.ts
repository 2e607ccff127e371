import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: ["use str", "echo hello", "cat", "echo (str:join ' ' $args)"].join("\n"),
  exit3: ["exit 3"].join("\n"),
  loop: ["while $true { }"].join("\n"),
};
