import type { LanguageSpecInput } from "./language-spec.js";

export const mruby: LanguageSpecInput = {
  id: "mruby",
  name: "mruby",
  aliases: [],
  image: "small-interpreters",
  defaultFile: "main.rb",
  run: { command: ["mruby", "{entry}"] },
  starter: [
    'print "What is your name? "',
    'name = ($stdin.gets || "").chomp',
    'puts "Hello, #{name}!"',
    "",
  ].join("\n"),
  highlight: "ruby",
};
