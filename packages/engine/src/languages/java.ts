import type { LanguageSpecInput } from "./language-spec.js";

/** Java 17, Debian bookworm's default OpenJDK. */
export const java: LanguageSpecInput = {
  id: "java",
  version: "17",
  name: "Java (OpenJDK)",
  aliases: ["jdk", "openjdk"],
  image: "java",
  defaultFile: "Main.java",
  sourceExtensions: [".java"],
  // The image's java-compile finds the entry file's public class, whatever the file is named.
  compile: { command: ["java-compile", "{entry}", "{sources}"] },
  run: { command: ["java-run"] },
  // The JVM's threads (GC, JIT, compiler) need room in the pids and memory limits.
  limits: { memoryMb: 512, processes: 128 },
  compileLimits: { memoryMb: 512, processes: 128 },
  starter: [
    "import java.util.Scanner;",
    "",
    "public class Main {",
    "    public static void main(String[] args) {",
    "        Scanner in = new Scanner(System.in);",
    '        System.out.print("What is your name? ");',
    '        String name = in.hasNextLine() ? in.nextLine() : "";',
    '        System.out.println("Hello, " + name + "!");',
    "    }",
    "}",
    "",
  ].join("\n"),
  highlight: "java",
};

/** Java 21, Debian trixie's default OpenJDK: the same recipe built on trixie. */
export const java21: LanguageSpecInput = { ...java, version: "21", suite: "trixie" };
