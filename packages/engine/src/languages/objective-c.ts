import type { LanguageSpecInput } from "./language-spec.js";

export const objectiveC: LanguageSpecInput = {
  id: "objective-c",
  name: "Objective-C (GCC)",
  aliases: ["objc", "objectivec", "m"],
  image: "gcc-langs",
  defaultFile: "main.m",
  sourceExtensions: [".m"],
  // GCC's Objective-C runtime, without a Foundation framework.
  compile: { command: ["gcc", "-O2", "-std=gnu17", "-o", "main", "{sources}", "-lobjc"] },
  run: { command: ["./main"] },
  starter: [
    "#import <stdio.h>",
    "#import <objc/Object.h>",
    "",
    "int main(void) {",
    "    char name[256];",
    '    printf("What is your name? ");',
    '    if (scanf("%255s", name) == 1) printf("Hello, %s!\\n", name);',
    "    return 0;",
    "}",
    "",
  ].join("\n"),
  highlight: "objectivec",
};
