import type { LanguageSpecInput } from "./language-spec.js";

export const php: LanguageSpecInput = {
  id: "php",
  name: "PHP",
  aliases: ["php8"],
  image: "php",
  defaultFile: "main.php",
  run: { command: ["php", "{entry}"] },
  // A started PHP clones itself for each run (images/php/template).
  template: true,
  starter: [
    "<?php",
    'echo "What is your name? ";',
    "$name = trim((string) fgets(STDIN));",
    'echo "Hello, $name!\\n";',
    "",
  ].join("\n"),
  highlight: "php",
};
