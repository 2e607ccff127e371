import type { LanguageSpecInput } from "./language-spec.js";

export const picolisp: LanguageSpecInput = {
  id: "picolisp",
  name: "PicoLisp",
  aliases: ["pil"],
  image: "small-interpreters",
  defaultFile: "main.l",
  run: { command: ["pil", "{entry}"] },
  starter: [
    '(prin "What is your name? ")',
    "(flush)",
    '(prinl "Hello, " (in NIL (line T)) "!")',
    "(bye)",
    "",
  ].join("\n"),
  highlight: "commonlisp",
};
