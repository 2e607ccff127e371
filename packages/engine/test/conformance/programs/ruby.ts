import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: ['puts "hello"', "print $stdin.read", 'puts ARGV.join(" ")'].join("\n"),
  exit3: ["exit 3"].join("\n"),
  loop: ["loop { }"].join("\n"),
};
