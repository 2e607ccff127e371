import type { LanguageSpecInput } from "./language-spec.js";

export const zsh: LanguageSpecInput = {
  id: "zsh",
  name: "Zsh",
  aliases: [],
  image: "scripting",
  defaultFile: "main.zsh",
  run: { command: ["zsh", "{entry}"] },
  starter: ['print -n "What is your name? "', "read -r name", 'print "Hello, $name!"', ""].join(
    "\n",
  ),
  highlight: "shell",
};
