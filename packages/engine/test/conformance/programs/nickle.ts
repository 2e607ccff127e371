import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    'printf("hello\\n");',
    "while (!File::end(stdin)) File::putb(File::getb(stdin), stdout);",
    'for (int i = 1; i < dim(argv); i++) printf("%s%s", i > 1 ? " " : "", argv[i]);',
    'printf("\\n");',
  ].join("\n"),
  exit3: ["exit(3);"].join("\n"),
  loop: ["while (true) ;"].join("\n"),
};
