import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    "<?php",
    'echo "hello\\n";',
    "echo stream_get_contents(STDIN);",
    'echo implode(" ", array_slice($argv, 1)), "\\n";',
  ].join("\n"),
  exit3: ["<?php", "exit(3);"].join("\n"),
  loop: ["<?php", "while (true) {", "}"].join("\n"),
};
