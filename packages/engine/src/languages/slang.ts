import type { LanguageSpecInput } from "./language-spec.js";

export const slang: LanguageSpecInput = {
  id: "slang",
  name: "S-Lang (slsh)",
  aliases: ["slsh", "s-lang"],
  image: "small-interpreters",
  defaultFile: "main.sl",
  run: { command: ["slsh", "{entry}"] },
  starter: [
    '() = fputs("What is your name? ", stdout);',
    'variable name = "";',
    'if (-1 == fgets(&name, stdin)) name = "";',
    '() = fputs("Hello, " + strtrim_end(name, "\\n") + "!\\n", stdout);',
    "",
  ].join("\n"),
  highlight: null,
};
