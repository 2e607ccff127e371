import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    "package main",
    "",
    "import (",
    '\t"fmt"',
    '\t"io"',
    '\t"os"',
    '\t"strings"',
    ")",
    "",
    "func main() {",
    '\tfmt.Println("hello")',
    "\tinput, _ := io.ReadAll(os.Stdin)",
    "\tos.Stdout.Write(input)",
    '\tfmt.Println(strings.Join(os.Args[1:], " "))',
    "}",
  ].join("\n"),
  exit3: ["package main", "", 'import "os"', "", "func main() {", "\tos.Exit(3)", "}"].join("\n"),
  loop: ["package main", "", "func main() {", "\tfor {", "\t}", "}"].join("\n"),
  compileError: ["package main", "", "func main() {", "\tundefinedName()", "}"].join("\n"),
  compileMessage: /undefined: undefinedName/,
};
