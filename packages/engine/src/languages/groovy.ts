import type { LanguageSpecInput } from "./language-spec.js";

export const groovy: LanguageSpecInput = {
  id: "groovy",
  name: "Groovy",
  aliases: ["gvy"],
  image: "jvm",
  defaultFile: "main.groovy",
  run: { command: ["groovy", "{entry}"] },
  env: { JAVA_OPTS: "-XX:+UseSerialGC -XX:TieredStopAtLevel=1" },
  limits: { memoryMb: 1024, processes: 128, timeMs: 10000, cpuMs: 10000 },
  starter: [
    'print "What is your name? "',
    'def name = System.in.newReader().readLine() ?: ""',
    'println "Hello, ${name}!"',
    "",
  ].join("\n"),
  highlight: "groovy",
};
