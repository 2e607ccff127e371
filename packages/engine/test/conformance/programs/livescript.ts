import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    "require! fs",
    "console.log \\hello",
    "process.stdout.write fs.read-file-sync(0, \\utf8)",
    "# lsc leaves node, itself and the script in process.argv",
    'console.log process.argv.slice(3).join(" ")',
  ].join("\n"),
  exit3: ["process.exit 3"].join("\n"),
  loop: ["loop", "  x = 1"].join("\n"),
};
