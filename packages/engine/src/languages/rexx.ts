import type { LanguageSpecInput } from "./language-spec.js";

export const rexx: LanguageSpecInput = {
  id: "rexx",
  name: "Rexx (Regina)",
  aliases: ["regina"],
  image: "small-interpreters",
  defaultFile: "main.rexx",
  run: { command: ["regina", "{entry}"] },
  starter: [
    'call charout , "What is your name? "',
    "name = linein()",
    'say "Hello," name || "!"',
    "",
  ].join("\n"),
  highlight: null,
};
