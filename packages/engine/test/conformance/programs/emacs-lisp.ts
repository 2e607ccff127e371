import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    '(princ "hello\\n")',
    "(let (line)",
    '  (while (setq line (ignore-errors (read-from-minibuffer "")))',
    '    (princ (concat line "\\n"))))',
    '(princ (concat (mapconcat #\'identity command-line-args-left " ") "\\n"))',
  ].join("\n"),
  exit3: ["(kill-emacs 3)"].join("\n"),
  loop: ["(while t)"].join("\n"),
};
