import type { LanguageSpecInput } from "./language-spec.js";

export const haxe: LanguageSpecInput = {
  id: "haxe",
  name: "Haxe (eval)",
  aliases: ["hx"],
  image: "misc",
  defaultFile: "Main.hx",
  // Haxe's interpreter runs the module named after the entry file (Main.hx holds class Main).
  run: { command: ["haxe-run", "{entry}"] },
  limits: { memoryMb: 512 },
  starter: [
    "class Main {",
    "    static function main() {",
    '        Sys.print("What is your name? ");',
    "        var name = Sys.stdin().readLine();",
    '        Sys.println("Hello, " + name + "!");',
    "    }",
    "}",
    "",
  ].join("\n"),
  highlight: "haxe",
};
