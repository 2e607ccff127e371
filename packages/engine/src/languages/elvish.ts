import type { LanguageSpecInput } from "./language-spec.js";

export const elvish: LanguageSpecInput = {
  id: "elvish",
  name: "Elvish",
  aliases: ["elv"],
  image: "shells",
  defaultFile: "main.elv",
  run: { command: ["elvish", "{entry}"] },
  starter: [
    "print 'What is your name? '",
    "var name = ''",
    "try { set name = (read-line) } catch { }",
    "echo 'Hello, '$name'!'",
    "",
  ].join("\n"),
  highlight: null,
};
