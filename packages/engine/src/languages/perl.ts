import type { LanguageSpecInput } from "./language-spec.js";

export const perl: LanguageSpecInput = {
  id: "perl",
  name: "Perl",
  aliases: ["pl", "perl5"],
  image: "scripting",
  defaultFile: "main.pl",
  run: { command: ["perl", "{entry}"] },
  starter: [
    "use strict;",
    "use warnings;",
    "",
    'print "What is your name? ";',
    'my $name = <STDIN> // "";',
    "chomp $name;",
    'print "Hello, $name!\\n";',
    "",
  ].join("\n"),
  highlight: "perl",
};
