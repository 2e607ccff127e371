import { describe, expect, it } from "vitest";
import { compareOutputs, firstDifferingColumn, outputLines } from "./output-comparison.js";

describe("output lines", () => {
  it("end at a final line break instead of opening an empty line, and drop CR of CRLF", () => {
    expect(outputLines("")).toEqual([]);
    expect(outputLines("a\nb\n")).toEqual(["a", "b"]);
    expect(outputLines("a\nb")).toEqual(["a", "b"]);
    expect(outputLines("a\r\n\n")).toEqual(["a", ""]);
  });
});

describe("the first differing column", () => {
  it("is where the two lines part", () => {
    expect(firstDifferingColumn("hello 42", "hello 41")).toBe(7);
    expect(firstDifferingColumn("x", "y")).toBe(0);
  });

  it("is the shorter line's length when one extends the other, or both are equal", () => {
    expect(firstDifferingColumn("3", "3 4")).toBe(1);
    expect(firstDifferingColumn("abc", "")).toBe(0);
    expect(firstDifferingColumn("same", "same")).toBe(4);
  });
});

describe("comparing outputs", () => {
  it("lines up both texts row by row, null past the end of the shorter", () => {
    expect(compareOutputs("1\n2\n3\n", "1\n5\n", 2)).toEqual({
      rows: [
        { line: 1, expected: "1", actual: "1" },
        { line: 2, expected: "2", actual: "5" },
        { line: 3, expected: "3", actual: null },
      ],
      hiddenBefore: 0,
      hiddenAfter: 0,
    });
  });

  it("shows only the context around a difference deep in a long output", () => {
    const expected = Array.from({ length: 1000 }, (_, i) => `${i + 1}`).join("\n");
    const actual = expected.replace("\n500\n", "\nfive hundred\n");
    const { rows, hiddenBefore, hiddenAfter } = compareOutputs(expected, actual, 500, 3);
    expect(rows.map((row) => row.line)).toEqual([497, 498, 499, 500, 501, 502, 503]);
    expect(rows[3]).toEqual({ line: 500, expected: "500", actual: "five hundred" });
    expect(hiddenBefore).toBe(496);
    expect(hiddenAfter).toBe(497);
  });

  it("shows the start of both texts when no line was named", () => {
    const { rows, hiddenAfter } = compareOutputs("a\nb\nc\nd\n", "", null, 1);
    expect(rows).toEqual([
      { line: 1, expected: "a", actual: null },
      { line: 2, expected: "b", actual: null },
    ]);
    expect(hiddenAfter).toBe(2);
  });

  it("keeps a row for a difference past both texts' ends (a missing trailing line)", () => {
    expect(compareOutputs("", "", 1).rows).toEqual([{ line: 1, expected: null, actual: null }]);
  });
});
