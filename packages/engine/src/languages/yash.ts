import type { LanguageSpecInput } from "./language-spec.js";

export const yash: LanguageSpecInput = {
  id: "yash",
  name: "yash (Yet Another Shell)",
  aliases: [],
  image: "shells",
  defaultFile: "main.sh",
  run: { command: ["yash", "{entry}"] },
  starter: ['printf "What is your name? "', "read -r name", 'echo "Hello, $name!"', ""].join("\n"),
  highlight: "shell",
};
