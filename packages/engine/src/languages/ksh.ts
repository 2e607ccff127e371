import type { LanguageSpecInput } from "./language-spec.js";

export const ksh: LanguageSpecInput = {
  id: "ksh",
  name: "KornShell (ksh93)",
  aliases: ["ksh93", "korn"],
  image: "shells",
  defaultFile: "main.ksh",
  run: { command: ["ksh", "{entry}"] },
  starter: ['print -n "What is your name? "', "read -r name", 'print "Hello, $name!"', ""].join(
    "\n",
  ),
  highlight: "shell",
};
