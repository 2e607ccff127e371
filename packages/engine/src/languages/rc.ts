import type { LanguageSpecInput } from "./language-spec.js";

export const rc: LanguageSpecInput = {
  id: "rc",
  name: "rc (Plan 9 shell)",
  aliases: ["plan9-rc"],
  image: "shells",
  defaultFile: "main.rc",
  run: { command: ["rc", "{entry}"] },
  starter: [
    "echo -n 'What is your name? '",
    "name=`{sed 1q}",
    "echo 'Hello, '^$\"name^'!'",
    "",
  ].join("\n"),
  highlight: "shell",
};
