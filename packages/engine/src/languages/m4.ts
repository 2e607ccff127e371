import type { LanguageSpecInput } from "./language-spec.js";

/** GNU m4, the macro processor, as Debian trixie ships it. */
export const m4: LanguageSpecInput = {
  id: "m4",
  name: "m4 (GNU m4)",
  aliases: ["gnu-m4"],
  image: "math-macros",
  suite: "trixie",
  defaultFile: "main.m4",
  // The program's arguments are the macros ARGC and ARGS (images/math-macros/m4-run).
  run: { command: ["m4-run", "{entry}"] },
  starter: [
    "dnl include() reads stdin as more input; translit() drops its newline.",
    "define(`visitor', translit(include(`/dev/stdin'), `",
    "'))dnl",
    "What is your name? Hello, visitor!",
    "",
  ].join("\n"),
  highlight: null,
};
