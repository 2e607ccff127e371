import type { LanguageSpecInput } from "./language-spec.js";

export const bash: LanguageSpecInput = {
  id: "bash",
  name: "Bash",
  aliases: ["sh", "shell"],
  image: "scripting",
  defaultFile: "main.sh",
  run: { command: ["bash", "{entry}"] },
  starter: ['read -r -p "What is your name? " name', 'echo "Hello, $name!"', ""].join("\n"),
  highlight: "shell",
};
