import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    "#lang racket/base",
    "(require racket/port racket/string)",
    "",
    '(displayln "hello")',
    "(void (write-bytes (port->bytes (current-input-port))))",
    '(displayln (string-join (vector->list (current-command-line-arguments)) " "))',
  ].join("\n"),
  exit3: ["#lang racket/base", "(exit 3)"].join("\n"),
  loop: ["#lang racket/base", "(let loop () (loop))"].join("\n"),
};
