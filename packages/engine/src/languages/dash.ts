import type { LanguageSpecInput } from "./language-spec.js";

export const dash: LanguageSpecInput = {
  id: "dash",
  name: "POSIX sh (dash)",
  aliases: ["posix-sh", "ash"],
  image: "shells",
  defaultFile: "main.sh",
  run: { command: ["dash", "{entry}"] },
  starter: ['printf "What is your name? "', "read -r name", 'echo "Hello, $name!"', ""].join("\n"),
  highlight: "shell",
};
