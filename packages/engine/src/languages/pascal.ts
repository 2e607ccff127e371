import type { LanguageSpecInput } from "./language-spec.js";

export const pascal: LanguageSpecInput = {
  id: "pascal",
  name: "Pascal (Free Pascal)",
  aliases: ["fpc", "pas", "delphi"],
  image: "native",
  defaultFile: "main.pas",
  sourceExtensions: [".pas", ".pp"],
  compile: { command: ["fpc", "-O2", "-v0ew", "-omain", "{entry}"] },
  run: { command: ["./main"] },
  starter: [
    "program Hello;",
    "var",
    "  name: string;",
    "begin",
    "  Write('What is your name? ');",
    "  ReadLn(name);",
    "  WriteLn('Hello, ', name, '!');",
    "end.",
    "",
  ].join("\n"),
  highlight: "pascal",
};
