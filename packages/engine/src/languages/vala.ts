import type { LanguageSpecInput } from "./language-spec.js";

export const vala: LanguageSpecInput = {
  id: "vala",
  name: "Vala",
  aliases: ["valac"],
  image: "native",
  defaultFile: "main.vala",
  sourceExtensions: [".vala"],
  compile: { command: ["valac", "-o", "main", "{sources}"] },
  run: { command: ["./main"] },
  compileLimits: { memoryMb: 512 },
  starter: [
    "void main () {",
    '    stdout.printf ("What is your name? ");',
    "    string? name = stdin.read_line ();",
    '    stdout.printf ("Hello, %s!\\n", name ?? "");',
    "}",
    "",
  ].join("\n"),
  highlight: null,
};
