import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    'print("hello")',
    "while let line = readLine(strippingNewline: false) {",
    '  print(line, terminator: "")',
    "}",
    'print(CommandLine.arguments.dropFirst().joined(separator: " "))',
  ].join("\n"),
  exit3: ["import Glibc", "", "exit(3)"].join("\n"),
  loop: ["var n = 0", "while true {", "  n &+= 1", "}"].join("\n"),
  compileError: 'let x: Int = "text"',
};
