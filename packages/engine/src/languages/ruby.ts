import type { LanguageSpecInput } from "./language-spec.js";

export const ruby: LanguageSpecInput = {
  id: "ruby",
  name: "Ruby",
  aliases: ["rb"],
  image: "ruby",
  defaultFile: "main.rb",
  run: { command: ["ruby", "{entry}"] },
  starter: [
    'print "What is your name? "',
    "name = gets.to_s.chomp",
    'puts "Hello, #{name}!"',
    "",
  ].join("\n"),
  highlight: "ruby",
};
