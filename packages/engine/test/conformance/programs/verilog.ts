import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    "module main;",
    "  integer c;",
    "  initial begin",
    '    $display("hello");',
    "    c = $fgetc(32'h8000_0000);",
    "    while (c != -1) begin",
    '      $write("%c", c);',
    "      c = $fgetc(32'h8000_0000);",
    "    end",
    "    $finish(0);",
    "  end",
    "endmodule",
  ].join("\n"),
  exit3: null,
  loop: ["module main;", "  initial forever #1;", "endmodule"].join("\n"),
  compileError: ["module main;", '  initial $display("x")', "endmodule"].join("\n"),
  seesArgs: false,
};
