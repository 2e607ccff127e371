import type { LanguageSpecInput } from "./language-spec.js";

export const tcl: LanguageSpecInput = {
  id: "tcl",
  name: "Tcl",
  aliases: ["tclsh"],
  image: "scripting",
  defaultFile: "main.tcl",
  run: { command: ["tclsh", "{entry}"] },
  starter: [
    'puts -nonewline "What is your name? "',
    "flush stdout",
    "gets stdin name",
    'puts "Hello, $name!"',
    "",
  ].join("\n"),
  highlight: "tcl",
};
