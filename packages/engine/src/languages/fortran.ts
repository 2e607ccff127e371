import type { LanguageSpecInput } from "./language-spec.js";

export const fortran: LanguageSpecInput = {
  id: "fortran",
  name: "Fortran (GFortran)",
  aliases: ["f90", "gfortran", "f95"],
  image: "gcc-langs",
  defaultFile: "main.f90",
  sourceExtensions: [".f90", ".f95", ".f03", ".f08", ".f"],
  compile: { command: ["gfortran", "-O2", "-o", "main", "{sources}"] },
  run: { command: ["./main"] },
  starter: [
    "program hello",
    "  implicit none",
    "  character(len=256) :: name",
    "  write (*, '(a)', advance='no') 'What is your name? '",
    "  read (*, '(a)') name",
    "  print '(a)', 'Hello, ' // trim(name) // '!'",
    "end program hello",
    "",
  ].join("\n"),
  highlight: "fortran",
};
