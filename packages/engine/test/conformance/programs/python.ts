import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    "import sys",
    'print("hello")',
    "sys.stdout.write(sys.stdin.read())",
    'print(" ".join(sys.argv[1:]))',
  ].join("\n"),
  exit3: ["import sys", "sys.exit(3)"].join("\n"),
  loop: ["while True:", "    pass"].join("\n"),
};
