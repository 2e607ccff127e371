import type { LanguageSpecInput } from "./language-spec.js";

/** Hare from Debian trixie (images/trixie-langs). */
export const hare: LanguageSpecInput = {
  id: "hare",
  name: "Hare",
  aliases: ["ha"],
  image: "trixie-langs",
  suite: "trixie",
  defaultFile: "main.ha",
  sourceExtensions: [".ha"],
  // `hare build` compiles the sources (harec, qbe, as) and links them. Its cache lives in /tmp,
  // started from the image's prebuilt cache of the common standard library modules.
  compile: {
    command: [
      "sh",
      "-c",
      'cp -a /usr/local/lib/warmbox/hare-cache /tmp/hare-cache && exec hare build -o main "$@"',
      "hare-build",
      "{sources}",
    ],
  },
  run: { command: ["./main"] },
  env: { HARECACHE: "/tmp/hare-cache" },
  compileLimits: { memoryMb: 512 },
  starter: [
    "use bufio;",
    "use fmt;",
    "use io;",
    "use os;",
    "use strings;",
    "",
    "export fn main() void = {",
    '\tfmt::print("What is your name? ")!;',
    "\tconst line = match (bufio::read_line(os::stdin)!) {",
    "\tcase let line: []u8 =>",
    "\t\tyield line;",
    "\tcase io::EOF =>",
    "\t\tyield []: []u8;",
    "\t};",
    "\tdefer free(line);",
    '\tfmt::printfln("Hello, {}!", strings::fromutf8(line)!)!;',
    "};",
    "",
  ].join("\n"),
  highlight: null,
};
