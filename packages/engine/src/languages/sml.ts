import type { LanguageSpecInput } from "./language-spec.js";

export const sml: LanguageSpecInput = {
  id: "sml",
  name: "Standard ML (Poly/ML)",
  aliases: ["polyml", "ml97"],
  image: "misc",
  defaultFile: "main.sml",
  run: { command: ["poly", "--script", "{entry}"] },
  limits: { memoryMb: 512 },
  starter: [
    'val () = print "What is your name? "',
    "val name = case TextIO.inputLine TextIO.stdIn of",
    "      SOME line => String.substring (line, 0, size line - 1)",
    '    | NONE => ""',
    'val () = print ("Hello, " ^ name ^ "!\\n")',
    "",
  ].join("\n"),
  highlight: "sml",
};
