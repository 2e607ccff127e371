import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    "$stdin.binmode",
    "$stdout.binmode",
    'puts "hello"',
    "$stdout.write($stdin.read)",
    'puts ARGV.join(" ")',
  ].join("\n"),
  exit3: "exit 3",
  loop: "loop {}",
};
