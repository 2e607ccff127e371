import type { LanguageSpecInput } from "./language-spec.js";

export const prolog: LanguageSpecInput = {
  id: "prolog",
  name: "Prolog (SWI-Prolog)",
  aliases: ["swipl", "swi-prolog"],
  image: "misc",
  defaultFile: "main.pl",
  // A script: `:- initialization(main, main).` runs main/0 and halts.
  run: { command: ["swipl", "{entry}"] },
  limits: { memoryMb: 512 },
  starter: [
    ":- initialization(main, main).",
    "",
    "main :-",
    "    write('What is your name? '),",
    "    read_line_to_string(user_input, Name),",
    "    format('Hello, ~w!~n', [Name]).",
    "",
  ].join("\n"),
  highlight: null,
};
