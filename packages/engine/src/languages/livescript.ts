import type { LanguageSpecInput } from "./language-spec.js";

export const livescript: LanguageSpecInput = {
  id: "livescript",
  name: "LiveScript",
  aliases: ["ls", "lsc"],
  image: "node-langs",
  defaultFile: "main.ls",
  run: { command: ["lsc", "{entry}"] },
  starter: [
    "require! fs",
    "",
    'process.stdout.write "What is your name? "',
    'name = (fs.read-file-sync 0, \\utf8).split("\\n").0',
    'console.log "Hello, #{name}!"',
    "",
  ].join("\n"),
  highlight: "livescript",
};
