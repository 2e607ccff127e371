import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    'println "hello"',
    "System.out.write(System.in.bytes)",
    "System.out.flush()",
    'println args.join(" ")',
  ].join("\n"),
  exit3: ["System.exit(3)"].join("\n"),
  loop: ["while (true) {}"].join("\n"),
};
