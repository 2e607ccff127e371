import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    "-module(main).",
    "-export([main/1]).",
    "",
    "main(Args) ->",
    '    io:format("hello~n"),',
    "    ok = io:setopts(standard_io, [binary, {encoding, latin1}]),",
    "    copy(),",
    '    io:put_chars(standard_io, [lists:join(" ", Args), "\\n"]).',
    "",
    "copy() ->",
    '    case io:get_chars(standard_io, "", 4096) of',
    "        eof -> ok;",
    "        Data -> io:put_chars(standard_io, Data), copy()",
    "    end.",
  ].join("\n"),
  exit3: ["-module(main).", "-export([main/1]).", "", "main(_) -> halt(3)."].join("\n"),
  loop: [
    "-module(main).",
    "-export([main/1]).",
    "",
    "main(_) -> loop().",
    "",
    "loop() -> loop().",
  ].join("\n"),
};
