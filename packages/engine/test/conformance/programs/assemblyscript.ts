import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    'process.stdout.write("hello\\n");',
    "const buffer = new ArrayBuffer(4096);",
    "for (let read = process.stdin.read(buffer); read > 0; read = process.stdin.read(buffer)) {",
    "  process.stdout.write(buffer.slice(0, read));",
    "}",
    "// argv[0] is the module's path",
    'process.stdout.write(process.argv.slice(1).join(" ") + "\\n");',
  ].join("\n"),
  exit3: "process.exit(3);",
  loop: "while (true) {}",
  compileError: 'const x: i32 = "text";',
};
