import type { LanguageSpecInput } from "./language-spec.js";

/** C with GCC 12, Debian bookworm's default GCC. */
export const c: LanguageSpecInput = {
  id: "c",
  version: "12",
  name: "C (GCC)",
  aliases: ["gcc", "c17"],
  image: "c",
  defaultFile: "main.c",
  sourceExtensions: [".c"],
  compile: {
    command: ["gcc", "-O2", "-std=gnu17", "-Wall", "-pipe", "-o", "main", "{sources}", "-lm"],
  },
  run: { command: ["./main"] },
  starter: [
    "#include <stdio.h>",
    "",
    "int main(void) {",
    "    char name[256];",
    '    printf("What is your name? ");',
    '    if (scanf("%255s", name) == 1) printf("Hello, %s!\\n", name);',
    "    return 0;",
    "}",
    "",
  ].join("\n"),
  highlight: "c",
};

/** C with GCC 14, Debian trixie's default GCC: the same recipe built on trixie. */
export const c14: LanguageSpecInput = { ...c, version: "14", suite: "trixie" };
