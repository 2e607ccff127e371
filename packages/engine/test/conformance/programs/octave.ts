import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    'printf("hello\\n");',
    "while true",
    "  line = fgetl(stdin);",
    "  if ~ischar(line)",
    "    break;",
    "  end",
    '  printf("%s\\n", line);',
    "end",
    'printf("%s\\n", strjoin(argv(), " "));',
  ].join("\n"),
  exit3: ["exit(3);"].join("\n"),
  loop: ["while true", "end"].join("\n"),
};
