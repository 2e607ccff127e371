import type { LanguageSpecInput } from "./language-spec.js";

export const raku: LanguageSpecInput = {
  id: "raku",
  name: "Raku (Rakudo)",
  aliases: ["perl6", "rakudo"],
  image: "misc",
  defaultFile: "main.raku",
  run: { command: ["raku", "{entry}"] },
  limits: { memoryMb: 512 },
  starter: ['my $name = prompt "What is your name? ";', 'say "Hello, $name!";', ""].join("\n"),
  highlight: "perl",
};
