import type { LanguageSpecInput } from "./language-spec.js";

export const ruby: LanguageSpecInput = {
  id: "ruby",
  name: "Ruby",
  aliases: ["rb"],
  image: "ruby",
  defaultFile: "main.rb",
  run: { command: ["ruby", "{entry}"] },
  // A started CRuby clones itself for each run (images/ruby/template.rb).
  template: true,
  starter: [
    'print "What is your name? "',
    "name = gets.to_s.chomp",
    'puts "Hello, #{name}!"',
    "",
  ].join("\n"),
  highlight: "ruby",
};
