import type { LanguageSpecInput } from "./language-spec.js";

export const verilog: LanguageSpecInput = {
  id: "verilog",
  name: "Verilog (Icarus Verilog)",
  aliases: ["iverilog"],
  image: "hdl",
  defaultFile: "main.v",
  sourceExtensions: [".v"],
  // iverilog compiles the design to a vvp program; vvp simulates it. Simulations see no
  // command-line arguments (only +plusargs), so the request's are left out.
  compile: { command: ["iverilog", "-o", "main", "{sources}"] },
  run: { command: ["sh", "-c", "exec vvp -n ./main", "verilog-run"] },
  starter: [
    "module main;",
    "  integer c;",
    "  initial begin",
    '    $write("What is your name? Hello, ");',
    "    c = $fgetc(32'h8000_0000); // the simulator's stdin",
    "    while (c != -1 && c != 10) begin",
    '      $write("%c", c);',
    "      c = $fgetc(32'h8000_0000);",
    "    end",
    '    $display("!");',
    "    $finish(0);",
    "  end",
    "endmodule",
    "",
  ].join("\n"),
  highlight: "verilog",
};
