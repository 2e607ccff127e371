import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: ['puts "hello"', "while (c = $stdin.getc)", "  print c", "end", 'puts ARGV.join(" ")'].join(
    "\n",
  ),
  // Debian's mruby is built without the mruby-exit gem: a program cannot set its exit code.
  exit3: null,
  loop: ["while true", "end"].join("\n"),
};
