import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    "BEGIN",
    "  BOOL after dashes := FALSE, first := TRUE;",
    '  print(("hello", newline));',
    "  on logical file end(stand in, (REF FILE f) BOOL: GOTO done);",
    "  DO",
    "    STRING line;",
    "    get(stand in, (line, new line));",
    "    print((line, newline))",
    "  OD;",
    "done:",
    "  FOR i TO argc DO",
    "    IF after dashes THEN",
    '      print(((first | "" | " "), argv(i)));',
    "      first := FALSE",
    '    ELIF argv(i) = "--" THEN',
    "      after dashes := TRUE",
    "    FI",
    "  OD;",
    "  print(newline)",
    "END",
  ].join("\n"),
  // Algol 68 Genie has no way for a program to set its exit code.
  exit3: null,
  loop: ["BEGIN", "  DO SKIP OD", "END"].join("\n"),
};
