import type { LanguageSpecInput } from "./language-spec.js";

export const elixir: LanguageSpecInput = {
  id: "elixir",
  name: "Elixir",
  aliases: ["ex", "exs"],
  image: "beam",
  defaultFile: "main.exs",
  run: { command: ["elixir", "{entry}"] },
  limits: { processes: 128, memoryMb: 512 },
  starter: [
    'name = IO.gets("What is your name? ") |> to_string() |> String.trim()',
    'IO.puts("Hello, #{name}!")',
    "",
  ].join("\n"),
  highlight: null,
};
