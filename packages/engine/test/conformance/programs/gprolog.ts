import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    ":- initialization(main).",
    "",
    "copy_input :-",
    "    get_code(C),",
    "    (   C =:= -1 -> true",
    "    ;   put_code(C), copy_input",
    "    ).",
    "",
    "write_words([]).",
    "write_words([Word]) :- write(Word).",
    "write_words([Word, Next|Rest]) :- write(Word), write(' '), write_words([Next|Rest]).",
    "",
    "main :-",
    "    write(hello), nl,",
    "    copy_input,",
    "    argument_list(Args),",
    "    write_words(Args), nl.",
  ].join("\n"),
  exit3: [":- initialization(main).", "", "main :- halt(3)."].join("\n"),
  loop: [":- initialization(main).", "", "main :- repeat, fail."].join("\n"),
  compileError: [":- initialization(main).", "", "main :- write(hello."].join("\n"),
};
