import type { LanguageSpecInput } from "./language-spec.js";

export const icon: LanguageSpecInput = {
  id: "icon",
  name: "Icon",
  aliases: ["icn"],
  image: "small-interpreters",
  defaultFile: "main.icn",
  sourceExtensions: [".icn"],
  compile: { command: ["icont", "-s", "-o", "main", "{entry}"] },
  run: { command: ["./main"] },
  starter: [
    "procedure main()",
    '  writes("What is your name? ")',
    '  name := read() | ""',
    '  write("Hello, ", name, "!")',
    "end",
    "",
  ].join("\n"),
  highlight: null,
};
