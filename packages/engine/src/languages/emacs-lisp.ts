import type { LanguageSpecInput } from "./language-spec.js";

export const emacsLisp: LanguageSpecInput = {
  id: "emacs-lisp",
  name: "Emacs Lisp",
  aliases: ["elisp", "emacs"],
  image: "emacs-lisp",
  defaultFile: "main.el",
  run: {
    command: [
      "emacs",
      "-Q",
      "--batch",
      "--eval",
      "(let ((file (pop command-line-args-left)) (args command-line-args-left)) (setq command-line-args-left nil) (let ((command-line-args-left args)) (load (expand-file-name file) nil t t)))",
      "{entry}",
    ],
  },
  starter: [
    '(princ "What is your name? ")',
    '(let ((name (or (ignore-errors (read-from-minibuffer "")) "")))',
    '  (princ (format "Hello, %s!\\n" name)))',
    "",
  ].join("\n"),
  highlight: "commonlisp",
};
