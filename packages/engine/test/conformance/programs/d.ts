import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    "import std.array : join;",
    "import std.stdio;",
    "",
    "void main(string[] args) {",
    '    writeln("hello");',
    "    foreach (ubyte[] chunk; stdin.byChunk(4096)) stdout.rawWrite(chunk);",
    '    writeln(args[1 .. $].join(" "));',
    "}",
  ].join("\n"),
  exit3: ["int main() {", "    return 3;", "}"].join("\n"),
  loop: ["void main() {", "    while (true) {}", "}"].join("\n"),
  compileError: ["void main() {", '    int x = "text";', "}"].join("\n"),
};
