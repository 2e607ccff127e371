import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: ['puts "hello"', "print STDIN.gets_to_end", 'puts ARGV.join(" ")'].join("\n"),
  exit3: ["exit 3"].join("\n"),
  loop: ["while true", "end"].join("\n"),
  compileError: ['x : Int32 = "text"'].join("\n"),
  compileMessage: /Error/,
};
