import type { LanguageSpecInput } from "./language-spec.js";

export const cTcc: LanguageSpecInput = {
  id: "c-tcc",
  name: "C (TCC)",
  aliases: ["tcc"],
  image: "tcc",
  defaultFile: "main.c",
  sourceExtensions: [".c"],
  // The Tiny C Compiler: C99 with most GNU extensions, compiled in one fast pass, unoptimised.
  compile: { command: ["tcc", "-Wall", "-o", "main", "{sources}"] },
  run: { command: ["./main"] },
  starter: [
    "#include <stdio.h>",
    "#include <string.h>",
    "",
    "int main(void) {",
    '    char name[256] = "";',
    '    printf("What is your name? ");',
    "    if (fgets(name, sizeof name, stdin)) name[strcspn(name, \"\\n\")] = '\\0';",
    '    printf("Hello, %s!\\n", name);',
    "    return 0;",
    "}",
    "",
  ].join("\n"),
  highlight: "c",
};
