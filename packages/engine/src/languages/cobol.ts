import type { LanguageSpecInput } from "./language-spec.js";

export const cobol: LanguageSpecInput = {
  id: "cobol",
  name: "COBOL (GnuCOBOL)",
  aliases: ["cob", "cobc", "gnucobol"],
  image: "gcc-langs",
  defaultFile: "main.cob",
  sourceExtensions: [".cob", ".cbl"],
  // Free-format source (-free), as most online COBOL compilers take it.
  compile: { command: ["cobc", "-x", "-free", "-o", "main", "{sources}"] },
  run: { command: ["./main"] },
  starter: [
    "IDENTIFICATION DIVISION.",
    "PROGRAM-ID. HELLO.",
    "DATA DIVISION.",
    "WORKING-STORAGE SECTION.",
    "01 NAME PIC X(64).",
    "PROCEDURE DIVISION.",
    '    DISPLAY "What is your name? " WITH NO ADVANCING.',
    "    ACCEPT NAME.",
    '    DISPLAY "Hello, " FUNCTION TRIM(NAME) "!".',
    "    STOP RUN.",
    "",
  ].join("\n"),
  highlight: "cobol",
};
