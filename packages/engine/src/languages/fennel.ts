import type { LanguageSpecInput } from "./language-spec.js";

/** Fennel, a Lisp that compiles to Lua, on Lua 5.4, as Debian trixie ships them. */
export const fennel: LanguageSpecInput = {
  id: "fennel",
  name: "Fennel",
  aliases: ["fnl"],
  image: "more-lisps",
  suite: "trixie",
  defaultFile: "main.fnl",
  // The program's arguments are Lua's `arg` table.
  run: { command: ["fennel", "{entry}"] },
  starter: [
    '(io.write "What is your name? ")',
    '(let [name (or (io.read "l") "")]',
    '  (print (.. "Hello, " name "!")))',
    "",
  ].join("\n"),
  highlight: "clojure",
};
