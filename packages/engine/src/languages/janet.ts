import type { LanguageSpecInput } from "./language-spec.js";

/** Janet from Debian sid, on the trixie image (images/trixie-langs). */
export const janet: LanguageSpecInput = {
  id: "janet",
  name: "Janet",
  aliases: [],
  image: "trixie-langs",
  suite: "trixie",
  origin: "Debian sid",
  defaultFile: "main.janet",
  run: { command: ["janet", "{entry}"] },
  starter: [
    '(prin "What is your name? ")',
    "(flush)",
    '(def name (string/trim (or (file/read stdin :line) "")))',
    '(print "Hello, " name "!")',
    "",
  ].join("\n"),
  highlight: "clojure",
};
