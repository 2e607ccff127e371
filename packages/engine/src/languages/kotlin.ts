import type { LanguageSpecInput } from "./language-spec.js";

export const kotlin: LanguageSpecInput = {
  id: "kotlin",
  name: "Kotlin (JVM)",
  aliases: ["kt", "kotlinc"],
  image: "jvm",
  defaultFile: "main.kt",
  sourceExtensions: [".kt"],
  // kotlinc packs the program and the Kotlin runtime in one jar whose manifest names the main class.
  compile: { command: ["kotlinc", "-nowarn", "{sources}", "-include-runtime", "-d", "main.jar"] },
  // G1 with one GC thread of each kind: on JDK 17 only G1 maps the CDS archive's module graph.
  run: {
    command: [
      "java",
      "-XX:+UseG1GC",
      "-XX:ParallelGCThreads=1",
      "-XX:ConcGCThreads=1",
      "-XX:TieredStopAtLevel=1",
      "-jar",
      "main.jar",
    ],
  },
  env: { JAVA_OPTS: "-XX:+UseSerialGC -XX:TieredStopAtLevel=1" },
  limits: { memoryMb: 1024, processes: 128 },
  compileLimits: { memoryMb: 1024, processes: 128, timeMs: 30000, cpuMs: 30000 },
  starter: [
    "fun main() {",
    '    print("What is your name? ")',
    '    val name = readLine() ?: ""',
    '    println("Hello, $name!")',
    "}",
    "",
  ].join("\n"),
  highlight: "kotlin",
};
