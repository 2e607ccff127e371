import type { LanguageSpecInput } from "./language-spec.js";

export const scheme: LanguageSpecInput = {
  id: "scheme",
  name: "Scheme (GNU Guile)",
  aliases: ["guile", "scm"],
  image: "lisp",
  defaultFile: "main.scm",
  run: { command: ["guile", "--no-auto-compile", "{entry}"] },
  starter: [
    "(use-modules (ice-9 rdelim))",
    "",
    '(display "What is your name? ")',
    "(let ((name (read-line)))",
    '  (display (string-append "Hello, " (if (eof-object? name) "" name) "!"))',
    "  (newline))",
    "",
  ].join("\n"),
  highlight: "scheme",
};
