import type { LanguageSpecInput } from "./language-spec.js";

export const d: LanguageSpecInput = {
  id: "d",
  name: "D (GDC)",
  aliases: ["gdc", "dlang"],
  image: "gcc-langs",
  defaultFile: "main.d",
  sourceExtensions: [".d"],
  compile: { command: ["gdc", "-O2", "-o", "main", "{sources}"] },
  run: { command: ["./main"] },
  starter: [
    "import std.stdio;",
    "import std.string;",
    "",
    "void main() {",
    '    write("What is your name? ");',
    "    auto name = readln().strip();",
    '    writeln("Hello, ", name, "!");',
    "}",
    "",
  ].join("\n"),
  highlight: "d",
};
