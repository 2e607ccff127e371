import type { LanguageSpecInput } from "./language-spec.js";

export const commonlisp: LanguageSpecInput = {
  id: "commonlisp",
  name: "Common Lisp (SBCL)",
  aliases: ["lisp", "sbcl", "cl"],
  image: "lisp",
  defaultFile: "main.lisp",
  run: { command: ["sbcl", "--script", "{entry}"] },
  limits: { memoryMb: 512 },
  starter: [
    '(format t "What is your name? ")',
    "(finish-output)",
    '(let ((name (or (read-line *standard-input* nil) "")))',
    '  (format t "Hello, ~a!~%" name))',
    "",
  ].join("\n"),
  highlight: "commonlisp",
};
