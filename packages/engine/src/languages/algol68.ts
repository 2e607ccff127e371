import type { LanguageSpecInput } from "./language-spec.js";

export const algol68: LanguageSpecInput = {
  id: "algol68",
  name: "Algol 68 (Genie)",
  aliases: ["a68g", "a68"],
  image: "small-interpreters",
  defaultFile: "main.a68",
  run: { command: ["a68g", "{entry}", "--"] },
  starter: [
    "BEGIN",
    '  STRING name := "";',
    '  print("What is your name? ");',
    "  on logical file end(stand in, (REF FILE f) BOOL: GOTO greet);",
    "  get(stand in, name);",
    "greet:",
    '  print(("Hello, ", name, "!", newline))',
    "END",
    "",
  ].join("\n"),
  highlight: null,
};
