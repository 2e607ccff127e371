import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    ":- initialization(main, main).",
    "",
    "main :-",
    "    write(hello), nl,",
    "    read_string(user_input, _, Input),",
    "    write(Input),",
    "    current_prolog_flag(argv, Argv),",
    "    atomic_list_concat(Argv, ' ', Line),",
    "    write(Line), nl.",
  ].join("\n"),
  exit3: [":- initialization(main, main).", "", "main :- halt(3)."].join("\n"),
  loop: [":- initialization(main, main).", "", "main :- repeat, fail."].join("\n"),
};
