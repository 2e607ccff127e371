import type { LanguageSpecInput } from "./language-spec.js";

export const tcsh: LanguageSpecInput = {
  id: "tcsh",
  name: "tcsh (C shell)",
  aliases: ["csh"],
  image: "shells",
  defaultFile: "main.csh",
  run: { command: ["tcsh", "-f", "{entry}"] },
  starter: [
    'echo -n "What is your name? "',
    'set name = "$<"',
    'echo "Hello, ${name}\\!"',
    "",
  ].join("\n"),
  highlight: "shell",
};
