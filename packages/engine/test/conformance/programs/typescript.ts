import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    'import * as fs from "node:fs";',
    "",
    'console.log("hello");',
    'process.stdout.write(fs.readFileSync(0, "utf8"));',
    'console.log(process.argv.slice(2).join(" "));',
  ].join("\n"),
  exit3: ["process.exit(3);"].join("\n"),
  loop: ["for (;;) {}"].join("\n"),
  compileError: ['const count: number = "text";', "console.log(count);"].join("\n"),
  compileMessage: /TS2322/,
};
