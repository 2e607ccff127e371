import type { LanguageSpecInput } from "./language-spec.js";

export const r: LanguageSpecInput = {
  id: "r",
  name: "R",
  aliases: ["rscript"],
  image: "r",
  defaultFile: "main.R",
  run: { command: ["Rscript", "{entry}"] },
  limits: { memoryMb: 512 },
  starter: [
    'cat("What is your name? ")',
    'name <- readLines(file("stdin"), n = 1)',
    'cat(paste0("Hello, ", name, "!\\n"))',
    "",
  ].join("\n"),
  highlight: "r",
};
