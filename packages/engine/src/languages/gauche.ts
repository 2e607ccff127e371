import type { LanguageSpecInput } from "./language-spec.js";

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
  starter: [
    '(display "What is your name? ")',
    "(let ((name (read-line)))",
    '  (display (string-append "Hello, " (if (eof-object? name) "" name) "!"))',
    "  (newline))",
    "",
  ].join("\n"),
  highlight: "scheme",
};
