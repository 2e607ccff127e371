import type { LanguageSpecInput } from "./language-spec.js";

export const erlang: LanguageSpecInput = {
  id: "erlang",
  name: "Erlang",
  aliases: ["erl", "escript"],
  image: "beam",
  defaultFile: "main.erl",
  // escript compiles the module and calls main(Args). The BEAM's JIT maps its code through a ~10 MiB memory file: a smaller file-size limit kills it with SIGXFSZ.
  run: { command: ["escript", "{entry}"] },
  limits: { processes: 128, memoryMb: 512, fileSizeBytes: 33554432 },
  starter: [
    "-module(main).",
    "-export([main/1]).",
    "",
    "main(_Args) ->",
    '    Name = string:trim(io:get_line("What is your name? ")),',
    '    io:format("Hello, ~ts!~n", [Name]).',
    "",
  ].join("\n"),
  highlight: "erlang",
};
