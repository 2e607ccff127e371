import type { LanguageSpecInput } from "./language-spec.js";

export const gprolog: LanguageSpecInput = {
  id: "gprolog",
  name: "Prolog (GNU Prolog)",
  aliases: ["gnu-prolog"],
  image: "gprolog",
  defaultFile: "main.pl",
  // gplc compiles the program to a native executable without a top level:
  // `:- initialization(main).` runs main/0, then the program ends.
  compile: { command: ["gplc", "--no-top-level", "-o", "main", "{entry}"] },
  run: { command: ["./main"] },
  starter: [
    ":- initialization(main).",
    "",
    "read_line(Codes) :-",
    "    get_code(C),",
    "    (   ( C =:= -1 ; C =:= 10 ) -> Codes = []",
    "    ;   Codes = [C|Rest], read_line(Rest)",
    "    ).",
    "",
    "main :-",
    "    write('What is your name? '),",
    "    read_line(Codes),",
    "    atom_codes(Name, Codes),",
    "    write('Hello, '), write(Name), write('!'), nl.",
    "",
  ].join("\n"),
  highlight: null,
};
