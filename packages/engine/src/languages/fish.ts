import type { LanguageSpecInput } from "./language-spec.js";

export const fish: LanguageSpecInput = {
  id: "fish",
  name: "fish",
  aliases: ["fish-shell"],
  image: "shells",
  defaultFile: "main.fish",
  run: { command: ["fish", "{entry}"] },
  starter: ['read --prompt-str "What is your name? " name', 'echo "Hello, $name!"', ""].join("\n"),
  highlight: "shell",
};
