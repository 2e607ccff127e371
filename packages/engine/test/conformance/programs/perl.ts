import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    'print "hello\\n";',
    "local $/;",
    "my $input = <STDIN>;",
    "print $input if defined $input;",
    'print join(" ", @ARGV), "\\n";',
  ].join("\n"),
  exit3: ["exit 3;"].join("\n"),
  loop: ["1 while 1;"].join("\n"),
};
