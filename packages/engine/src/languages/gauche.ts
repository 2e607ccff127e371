import type { LanguageSpecInput } from "./language-spec.js";
import { schemeStarter } from "./scheme.js";

/** Gauche, an R7RS Scheme, as Debian trixie ships it. */
export const gauche: LanguageSpecInput = {
  id: "gauche",
  name: "Scheme (Gauche)",
  aliases: ["gosh"],
  image: "more-lisps",
  suite: "trixie",
  defaultFile: "main.scm",
  // After loading the program gosh calls its (main args), if any: args is the program's path
  // and its arguments, and main's result is the exit code.
  run: { command: ["gosh", "{entry}"] },
  starter: schemeStarter(),
  highlight: "scheme",
};
