import type { LanguageSpecInput } from "./language-spec.js";

export const clojure: LanguageSpecInput = {
  id: "clojure",
  name: "Clojure",
  aliases: ["clj"],
  image: "jvm",
  defaultFile: "main.clj",
  run: { command: ["clojure", "{entry}"] },
  limits: { memoryMb: 1024, processes: 128, timeMs: 10000, cpuMs: 10000 },
  starter: [
    '(print "What is your name? ")',
    "(flush)",
    '(let [name (or (read-line) "")]',
    '  (println (str "Hello, " name "!")))',
    "",
  ].join("\n"),
  highlight: "clojure",
};
