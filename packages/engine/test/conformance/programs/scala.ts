import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    "object Main {",
    "  def main(args: Array[String]): Unit = {",
    '    println("hello")',
    "    val input = Iterator.continually(System.in.read()).takeWhile(_ != -1).map(_.toByte).toArray",
    "    System.out.write(input)",
    '    println(args.mkString(" "))',
    "  }",
    "}",
  ].join("\n"),
  exit3: ["object Main {", "  def main(args: Array[String]): Unit = sys.exit(3)", "}"].join("\n"),
  loop: ["object Main {", "  def main(args: Array[String]): Unit = while (true) {}", "}"].join(
    "\n",
  ),
  compileError: [
    "object Main {",
    "  def main(args: Array[String]): Unit = {",
    '    val x: Int = "text"',
    "  }",
    "}",
  ].join("\n"),
};
