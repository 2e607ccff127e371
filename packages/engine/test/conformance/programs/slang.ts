import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    '() = fputs("hello\\n", stdout);',
    "variable buf;",
    "while (fread_bytes(&buf, 4096, stdin) > 0) () = fwrite(buf, stdout);",
    '() = fputs(strjoin(__argv[[1:]], " ") + "\\n", stdout);',
  ].join("\n"),
  exit3: ["exit(3);"].join("\n"),
  loop: ["forever { }"].join("\n"),
};
