import type { LanguageSpecInput } from "./language-spec.js";

export const ada: LanguageSpecInput = {
  id: "ada",
  name: "Ada (GNAT)",
  aliases: ["gnat", "adb"],
  image: "gcc-langs",
  defaultFile: "main.adb",
  sourceExtensions: [".adb", ".ads"],
  // gnatmake builds the entry's main procedure and the units it names; a file holds the unit of its name.
  compile: { command: ["gnatmake", "-q", "-o", "main", "{entry}"] },
  run: { command: ["./main"] },
  starter: [
    "with Ada.Text_IO; use Ada.Text_IO;",
    "",
    "procedure Main is",
    "begin",
    '   Put ("What is your name? ");',
    "   declare",
    "      Name : constant String := Get_Line;",
    "   begin",
    '      Put_Line ("Hello, " & Name & "!");',
    "   end;",
    "end Main;",
    "",
  ].join("\n"),
  highlight: null,
};
