import type { LanguageSpecInput } from "./language-spec.js";

export const jruby: LanguageSpecInput = {
  id: "jruby",
  name: "Ruby (JRuby)",
  aliases: [],
  image: "jruby",
  defaultFile: "main.rb",
  // --dev: a JVM tuned for start-up (client compiler only, no JRuby JIT), as short programs want.
  run: { command: ["jruby", "--dev", "{entry}"] },
  env: { JAVA_OPTS: "-XX:+UseSerialGC -XX:TieredStopAtLevel=1" },
  // JRuby starts in seconds of CPU (its own Ruby core loads on the JVM), more on a busy machine.
  limits: { memoryMb: 1024, processes: 128, timeMs: 30000, cpuMs: 30000 },
  starter: [
    'print "What is your name? "',
    "name = gets.to_s.chomp",
    'puts "Hello, #{name}!"',
    "",
  ].join("\n"),
  highlight: "ruby",
};
