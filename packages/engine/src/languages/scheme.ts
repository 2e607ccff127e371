import type { LanguageSpecInput } from "./language-spec.js";

/**
 * A Scheme starter: ask a name on stdin, greet it (CHICKEN's and Gauche's too); `prelude` is
 * what makes read-line available, where it isn't by default.
 */
export function schemeStarter(prelude?: string): string {
  return [
    ...(prelude ? [prelude, ""] : []),
    '(display "What is your name? ")',
    "(let ((name (read-line)))",
    '  (display (string-append "Hello, " (if (eof-object? name) "" name) "!"))',
    "  (newline))",
    "",
  ].join("\n");
}

export const scheme: LanguageSpecInput = {
  id: "scheme",
  name: "Scheme (GNU Guile)",
  aliases: ["guile", "scm"],
  image: "lisp",
  defaultFile: "main.scm",
  run: { command: ["guile", "--no-auto-compile", "{entry}"] },
  starter: schemeStarter("(use-modules (ice-9 rdelim))"),
  highlight: "scheme",
};
