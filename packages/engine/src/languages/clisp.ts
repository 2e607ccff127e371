import { commonlisp } from "./commonlisp.js";
import type { LanguageSpecInput } from "./language-spec.js";

/** GNU CLISP, as Debian trixie ships it: a second Common Lisp beside SBCL. */
export const clisp: LanguageSpecInput = {
  id: "clisp",
  name: "Common Lisp (GNU CLISP)",
  aliases: ["gnu-clisp"],
  image: "more-lisps",
  suite: "trixie",
  defaultFile: "main.lisp",
  // -norc: no ~/.clisprc; UTF-8 whatever the locale. The program's arguments are ext:*args*.
  run: { command: ["clisp", "-norc", "-E", "utf-8", "{entry}"] },
  starter: commonlisp.starter,
  highlight: "commonlisp",
};
