import type { LanguageSpecInput } from "./language-spec.js";

/** PARI/GP, the number theory system's scripting language, as Debian trixie ships it. */
export const pariGp: LanguageSpecInput = {
  id: "pari-gp",
  name: "PARI/GP",
  aliases: ["gp", "pari"],
  image: "math-macros",
  suite: "trixie",
  defaultFile: "main.gp",
  // The program's arguments are the vector `args`; an error ends the run with exit code 1
  // (images/math-macros/gp-run).
  run: { command: ["gp-run", "{entry}"] },
  starter: [
    'print1("What is your name? ");',
    'lines = readstr("/dev/stdin");',
    'print("Hello, ", if(#lines, lines[1], ""), "!");',
    "",
  ].join("\n"),
  highlight: null,
};
