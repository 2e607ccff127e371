import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    'import { readFileSync, writeSync } from "node:fs";',
    "",
    'writeSync(1, "hello\\n");',
    "writeSync(1, readFileSync(0));",
    'writeSync(1, `${process.argv.slice(2).join(" ")}\\n`);',
  ].join("\n"),
  exit3: "process.exit(3);",
  loop: "for (;;) {}",
};
