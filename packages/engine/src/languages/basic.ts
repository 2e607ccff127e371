import type { LanguageSpecInput } from "./language-spec.js";

export const basic: LanguageSpecInput = {
  id: "basic",
  name: "BASIC (yabasic)",
  aliases: ["yabasic", "bas"],
  image: "misc",
  defaultFile: "main.bas",
  run: { command: ["yabasic", "{entry}", "--"] },
  starter: ['input "What is your name? " name$', 'print "Hello, " + name$ + "!"', ""].join("\n"),
  highlight: "vb",
};
