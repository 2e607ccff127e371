import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    "import os, strutils",
    "",
    'echo "hello"',
    "stdout.write(stdin.readAll())",
    'echo commandLineParams().join(" ")',
  ].join("\n"),
  exit3: ["quit(3)"].join("\n"),
  loop: ["while true:", "  discard"].join("\n"),
  compileError: ['let x: int = "text"'].join("\n"),
  compileMessage: /Error/,
};
