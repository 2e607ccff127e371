import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    'val () = print "hello\\n"',
    "fun copy () =",
    "  case TextIO.inputLine TextIO.stdIn of",
    "      SOME line => (print line; copy ())",
    "    | NONE => ()",
    "val () = copy ()",
    '(* poly --script passes "--script" and the file name first *)',
    'val () = print (String.concatWith " " (List.drop (CommandLine.arguments (), 2)) ^ "\\n")',
  ].join("\n"),
  exit3: ["val () = Posix.Process.exit 0w3"].join("\n"),
  loop: ["fun loop () = loop ()", "val () = loop ()"].join("\n"),
};
