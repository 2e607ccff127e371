import type { LanguageSpecInput } from "./language-spec.js";

export const scala: LanguageSpecInput = {
  id: "scala",
  name: "Scala",
  aliases: ["sc", "scalac"],
  image: "jvm",
  defaultFile: "main.scala",
  sourceExtensions: [".scala"],
  // scalac writes a jar whose manifest names the one object with a main method.
  compile: { command: ["scalac", "-nowarn", "-d", "main.jar", "{sources}"] },
  run: { command: ["scala", "main.jar"] },
  env: { JAVA_OPTS: "-XX:+UseSerialGC -XX:TieredStopAtLevel=1" },
  limits: { memoryMb: 1024, processes: 128 },
  compileLimits: { memoryMb: 1024, processes: 128, timeMs: 30000, cpuMs: 30000 },
  starter: [
    "object Main {",
    "  def main(args: Array[String]): Unit = {",
    '    print("What is your name? ")',
    '    val name = Option(scala.io.StdIn.readLine()).getOrElse("")',
    '    println(s"Hello, $name!")',
    "  }",
    "}",
    "",
  ].join("\n"),
  highlight: "scala",
};
