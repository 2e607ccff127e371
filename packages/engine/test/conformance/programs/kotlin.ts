import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    "fun main(args: Array<String>) {",
    '    println("hello")',
    "    System.out.write(System.`in`.readBytes())",
    '    println(args.joinToString(" "))',
    "}",
  ].join("\n"),
  exit3: ["import kotlin.system.exitProcess", "", "fun main() {", "    exitProcess(3)", "}"].join(
    "\n",
  ),
  loop: ["fun main() {", "    while (true) {", "    }", "}"].join("\n"),
  compileError: ["fun main() {", '    val x: Int = "text"', "}"].join("\n"),
};
