import type { LanguageSpecInput } from "./language-spec.js";

export const forth: LanguageSpecInput = {
  id: "forth",
  name: "Forth (Gforth)",
  aliases: ["gforth", "fs"],
  image: "misc",
  defaultFile: "main.fs",
  // The program ends with `bye`; `next-arg` reads its arguments.
  run: { command: ["gforth", "{entry}"] },
  starter: [
    "create name 256 allot",
    ": greet",
    '  ." What is your name? "',
    "  name 256 stdin read-line throw drop",
    '  ." Hello, " name swap type ." !" cr ;',
    "greet bye",
    "",
  ].join("\n"),
  highlight: "forth",
};
