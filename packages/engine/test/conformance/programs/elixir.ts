import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    'IO.puts("hello")',
    "",
    "case IO.read(:stdio, :eof) do",
    "  input when is_binary(input) -> IO.write(input)",
    "  _ -> :ok",
    "end",
    "",
    'IO.puts(Enum.join(System.argv(), " "))',
  ].join("\n"),
  exit3: ["System.halt(3)"].join("\n"),
  loop: ["defmodule Forever do", "  def loop, do: loop()", "end", "", "Forever.loop()"].join("\n"),
};
