import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    "let () =",
    '  print_endline "hello";',
    "  (try",
    "     while true do",
    "       print_endline (input_line stdin)",
    "     done",
    "   with End_of_file -> ());",
    '  print_endline (String.concat " " (List.tl (Array.to_list Sys.argv)))',
  ].join("\n"),
  exit3: ["let () = exit 3"].join("\n"),
  loop: ["let () = while true do () done"].join("\n"),
  compileError: ['let () = print_int "text"'].join("\n"),
  compileMessage: /Error/,
};
