import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    'console.log("hello");',
    'process.stdout.write(require("fs").readFileSync(0, "utf8"));',
    'console.log(process.argv.slice(2).join(" "));',
  ].join("\n"),
  exit3: ["process.exit(3);"].join("\n"),
  loop: ["for (;;) {}"].join("\n"),
};
