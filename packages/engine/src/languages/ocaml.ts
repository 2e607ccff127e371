import type { LanguageSpecInput } from "./language-spec.js";

export const ocaml: LanguageSpecInput = {
  id: "ocaml",
  name: "OCaml",
  aliases: ["ml", "ocamlopt"],
  image: "ocaml",
  defaultFile: "main.ml",
  sourceExtensions: [".ml"],
  compile: { command: ["ocamlopt", "-o", "main", "{sources}"] },
  run: { command: ["./main"] },
  starter: [
    "let () =",
    '  print_string "What is your name? ";',
    '  let name = try read_line () with End_of_file -> "" in',
    '  Printf.printf "Hello, %s!\\n" name',
    "",
  ].join("\n"),
  highlight: "ocaml",
};
