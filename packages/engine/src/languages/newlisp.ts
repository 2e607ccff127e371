import type { LanguageSpecInput } from "./language-spec.js";

export const newlisp: LanguageSpecInput = {
  id: "newlisp",
  name: "newLISP",
  aliases: [],
  image: "small-interpreters",
  defaultFile: "main.lsp",
  run: { command: ["newlisp", "{entry}"] },
  starter: [
    '(print "What is your name? ")',
    '(println "Hello, " (or (read-line) "") "!")',
    "(exit)",
    "",
  ].join("\n"),
  highlight: "commonlisp",
};
