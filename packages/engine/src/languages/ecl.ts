import { commonlisp } from "./commonlisp.js";
import type { LanguageSpecInput } from "./language-spec.js";

/** Embeddable Common Lisp, as Debian trixie ships it. */
export const ecl: LanguageSpecInput = {
  id: "ecl",
  name: "Common Lisp (ECL)",
  aliases: ["embeddable-common-lisp"],
  image: "more-lisps",
  suite: "trixie",
  defaultFile: "main.lisp",
  // --shell loads the program and quits; an error ends the run with exit code 1. The program's
  // arguments are (cdr ext:*unprocessed-ecl-command-args*) (its own path comes first).
  run: { command: ["ecl", "--norc", "--shell", "{entry}"] },
  starter: commonlisp.starter,
  highlight: "commonlisp",
};
