import type { LanguageSpecInput } from "./language-spec.js";

export const vhdl: LanguageSpecInput = {
  id: "vhdl",
  name: "VHDL (GHDL)",
  aliases: ["ghdl"],
  image: "hdl",
  defaultFile: "main.vhd",
  sourceExtensions: [".vhd", ".vhdl"],
  // GHDL analyses the sources and elaborates the entity `main` (VHDL-2008); the run simulates
  // it. Simulations see no command-line arguments, so the request's are left out.
  compile: {
    command: [
      "sh",
      "-c",
      'ghdl -a --std=08 "$@" && ghdl -e --std=08 main',
      "vhdl-build",
      "{sources}",
    ],
  },
  run: { command: ["sh", "-c", "exec ghdl -r --std=08 main", "vhdl-run"] },
  starter: [
    "use std.textio.all;",
    "",
    "entity main is",
    "end entity;",
    "",
    "architecture sim of main is",
    "begin",
    "  process",
    "    variable name : line;",
    "  begin",
    '    write(output, "What is your name? ");',
    "    readline(input, name);",
    '    write(output, "Hello, " & name.all & "!" & LF);',
    "    wait;",
    "  end process;",
    "end architecture;",
    "",
  ].join("\n"),
  highlight: "vhdl",
};
