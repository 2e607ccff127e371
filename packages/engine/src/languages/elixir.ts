import type { LanguageSpecInput } from "./language-spec.js";

export const elixir: LanguageSpecInput = {
  id: "elixir",
  name: "Elixir",
  aliases: ["ex", "exs"],
  image: "beam",
  defaultFile: "main.exs",
  // The BEAM's JIT maps its code through a ~10 MiB memory file: a smaller file-size limit kills it with SIGXFSZ.
  run: { command: ["elixir", "{entry}"] },
  limits: { processes: 128, memoryMb: 512, fileSizeBytes: 33554432 },
  starter: [
    'name = IO.gets("What is your name? ") |> to_string() |> String.trim()',
    'IO.puts("Hello, #{name}!")',
    "",
  ].join("\n"),
  highlight: null,
};
