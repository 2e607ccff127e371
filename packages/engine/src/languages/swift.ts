import type { LanguageSpecInput } from "./language-spec.js";

export const swift: LanguageSpecInput = {
  id: "swift",
  name: "Swift",
  aliases: ["swiftc"],
  image: "swift",
  defaultFile: "main.swift",
  sourceExtensions: [".swift"],
  // swiftc compiles the module (top-level code only in main.swift) to a native executable.
  compile: { command: ["swiftc", "-o", "main", "{sources}"] },
  run: { command: ["./main"] },
  compileLimits: { memoryMb: 1024, processes: 128, timeMs: 30000, cpuMs: 30000 },
  starter: [
    'print("What is your name? ", terminator: "")',
    'let name = readLine() ?? ""',
    'print("Hello, \\(name)!")',
    "",
  ].join("\n"),
  highlight: "swift",
};
