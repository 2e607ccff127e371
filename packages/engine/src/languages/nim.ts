import type { LanguageSpecInput } from "./language-spec.js";

export const nim: LanguageSpecInput = {
  id: "nim",
  name: "Nim",
  aliases: ["nimrod"],
  image: "native",
  defaultFile: "main.nim",
  sourceExtensions: [".nim"],
  compile: {
    command: [
      "nim",
      "compile",
      "--hints:off",
      "--nimcache:/tmp/nimcache",
      "-d:release",
      "--out:main",
      "{entry}",
    ],
  },
  run: { command: ["./main"] },
  compileLimits: { memoryMb: 512 },
  starter: [
    'stdout.write "What is your name? "',
    'let name = try: stdin.readLine() except EOFError: ""',
    'echo "Hello, ", name, "!"',
    "",
  ].join("\n"),
  highlight: null,
};
