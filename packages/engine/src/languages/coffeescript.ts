import type { LanguageSpecInput } from "./language-spec.js";

export const coffeescript: LanguageSpecInput = {
  id: "coffeescript",
  name: "CoffeeScript",
  aliases: ["coffee"],
  image: "node-langs",
  defaultFile: "main.coffee",
  run: { command: ["coffee", "{entry}"] },
  starter: [
    'fs = require "fs"',
    "",
    'process.stdout.write "What is your name? "',
    'name = fs.readFileSync(0, "utf8").split("\\n")[0]',
    'console.log "Hello, #{name}!"',
    "",
  ].join("\n"),
  highlight: "coffeescript",
};
