import type { LanguageSpecInput } from "./language-spec.js";

/** GNU Modula-2: GCC 14's gm2 from Debian trixie (images/trixie-langs). */
export const modula2: LanguageSpecInput = {
  id: "modula2",
  name: "Modula-2 (GNU Modula-2)",
  aliases: ["modula-2", "gm2"],
  image: "trixie-langs",
  suite: "trixie",
  defaultFile: "main.mod",
  sourceExtensions: [".mod"],
  // gm2 (GCC's Modula-2 front end, PIM dialect) compiles the program module and links it.
  compile: { command: ["gm2", "-o", "main", "{entry}"] },
  run: { command: ["./main"] },
  // gm2 links its own runtime libraries: seconds of wall time on a busy machine.
  compileLimits: { timeMs: 30000, cpuMs: 30000 },
  starter: [
    "MODULE main;",
    "",
    "FROM FIO IMPORT StdIn, StdOut, ReadString, WriteString, WriteLine, FlushBuffer;",
    "",
    "VAR",
    "  name: ARRAY [0..255] OF CHAR;",
    "BEGIN",
    '  WriteString(StdOut, "What is your name? ");',
    "  ReadString(StdIn, name);",
    '  WriteString(StdOut, "Hello, ");',
    "  WriteString(StdOut, name);",
    '  WriteString(StdOut, "!");',
    "  WriteLine(StdOut);",
    "  FlushBuffer(StdOut)",
    "END main.",
    "",
  ].join("\n"),
  highlight: "pascal",
};
