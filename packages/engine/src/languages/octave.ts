import type { LanguageSpecInput } from "./language-spec.js";

export const octave: LanguageSpecInput = {
  id: "octave",
  name: "Octave",
  aliases: ["matlab", "m-octave"],
  image: "octave",
  defaultFile: "main.m",
  run: { command: ["octave-cli", "--no-init-file", "--no-history", "--quiet", "{entry}"] },
  limits: { memoryMb: 512 },
  starter: [
    'printf("What is your name? ");',
    "name = fgetl(stdin);",
    'printf("Hello, %s!\\n", name);',
    "",
  ].join("\n"),
  highlight: "octave",
};
