import type { LanguageSpecInput } from "./language-spec.js";
import { schemeStarter } from "./scheme.js";

/** CHICKEN Scheme's interpreter, as Debian trixie ships it. */
export const chicken: LanguageSpecInput = {
  id: "chicken",
  name: "Scheme (CHICKEN)",
  aliases: ["chicken-scheme", "csi"],
  image: "more-lisps",
  suite: "trixie",
  defaultFile: "main.scm",
  // -s: a script (no ~/.csirc, no banner, exit at its end); its arguments are
  // (command-line-arguments) of (chicken process-context).
  run: { command: ["csi", "-s", "{entry}"] },
  starter: schemeStarter("(import (chicken io))"),
  highlight: "scheme",
};
