import type { LanguageSpecInput } from "./language-spec.js";

export const racket: LanguageSpecInput = {
  id: "racket",
  name: "Racket",
  aliases: ["rkt"],
  image: "lisp",
  defaultFile: "main.rkt",
  run: { command: ["racket", "{entry}"] },
  limits: { memoryMb: 512 },
  starter: [
    "#lang racket",
    "",
    '(display "What is your name? ")',
    "(define name (read-line))",
    '(printf "Hello, ~a!\\n" (if (eof-object? name) "" name))',
    "",
  ].join("\n"),
  highlight: "scheme",
};
