import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    'cat("hello\\n")',
    'writeLines(readLines(file("stdin")))',
    'cat(paste(commandArgs(trailingOnly = TRUE), collapse = " "), "\\n", sep = "")',
  ].join("\n"),
  exit3: ["quit(status = 3)"].join("\n"),
  loop: ["repeat {}"].join("\n"),
};
