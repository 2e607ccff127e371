import type { LanguageSpecInput } from "./language-spec.js";

export const pike: LanguageSpecInput = {
  id: "pike",
  name: "Pike",
  aliases: [],
  image: "small-interpreters",
  defaultFile: "main.pike",
  run: { command: ["pike", "{entry}"] },
  starter: [
    "int main()",
    "{",
    '  write("What is your name? ");',
    '  string name = Stdio.stdin.gets() || "";',
    '  write("Hello, %s!\\n", name);',
    "  return 0;",
    "}",
    "",
  ].join("\n"),
  highlight: "c",
};
