import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    'fs = require "fs"',
    'console.log "hello"',
    'process.stdout.write fs.readFileSync(0, "utf8")',
    'console.log process.argv.slice(2).join(" ")',
  ].join("\n"),
  exit3: ["process.exit 3"].join("\n"),
  loop: ["loop", "  x = 1"].join("\n"),
};
