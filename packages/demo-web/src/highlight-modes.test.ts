import { describe, expect, it } from "vitest";
import { hasHighlighter, loadHighlighter } from "./highlight-modes.js";

describe("highlight modes", () => {
  it("knows the modes the engine's languages name, and common spellings of them", () => {
    const names = [
      "python",
      "javascript",
      "typescript",
      "java",
      "c",
      "cpp",
      "rust",
      "go",
      "php",
      "csharp",
      "kotlin",
      "scala",
      "ruby",
      "shell",
      "lua",
      "perl",
      "haskell",
      "r",
      "pascal",
      "fortran",
      "erlang",
      "clojure",
      "commonlisp",
      "scheme",
      "d",
      "groovy",
      "crystal",
      "cobol",
      "brainfuck",
      "tcl",
      "coffeescript",
      "octave",
      "vb",
      "assembly",
      "objectivec",
      "ocaml",
      "sml",
      "sqlite",
      "haxe",
      "livescript",
      "forth",
      "verilog",
      "vhdl",
      "bash",
      "C++",
      "Py",
    ];
    expect(names.filter((name) => !hasHighlighter(name))).toEqual([]);
  });

  it("falls back to plain text for unknown or absent modes", async () => {
    expect(hasHighlighter("no-such-mode")).toBe(false);
    expect(hasHighlighter(null)).toBe(false);
    expect(await loadHighlighter("no-such-mode")).toEqual([]);
    expect(await loadHighlighter(undefined)).toEqual([]);
  });
});
