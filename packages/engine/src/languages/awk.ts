import type { LanguageSpecInput } from "./language-spec.js";

export const awk: LanguageSpecInput = {
  id: "awk",
  name: "AWK (GNU Awk)",
  aliases: ["gawk"],
  image: "scripting",
  defaultFile: "main.awk",
  // The program's arguments are in ARGV; stdin is its input ("-" names it in getline).
  run: { command: ["gawk", "-f", "{entry}", "--"] },
  starter: [
    "BEGIN {",
    '    printf "What is your name? "',
    '    getline name < "-"',
    '    print "Hello, " name "!"',
    "}",
    "",
  ].join("\n"),
  highlight: null,
};
