import type { LanguageSpecInput } from "./language-spec.js";

export const nickle: LanguageSpecInput = {
  id: "nickle",
  name: "Nickle",
  aliases: ["5c"],
  image: "small-interpreters",
  defaultFile: "main.5c",
  run: { command: ["nickle", "{entry}"] },
  starter: [
    'printf("What is your name? ");',
    'string name = File::end(stdin) ? "" : gets();',
    'printf("Hello, %s!\\n", name);',
    "",
  ].join("\n"),
  highlight: "c",
};
