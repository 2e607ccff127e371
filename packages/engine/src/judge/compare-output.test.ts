import { describe, expect, test } from "vitest";
import { outputsMatch, significantLines, tokensMatch, tokensOf } from "./compare-output.js";

describe("exact", () => {
  test("byte for byte: a missing final newline or a trailing space is a difference", () => {
    expect(outputsMatch("exact", "42\n", "42\n")).toBe(true);
    expect(outputsMatch("exact", "42\n", "42")).toBe(false);
    expect(outputsMatch("exact", "42\n", "42 \n")).toBe(false);
  });
});

describe("lines (the default)", () => {
  test("ignores trailing whitespace of each line, trailing blank lines and CRLF", () => {
    expect(significantLines("a  \nb\t\n\n\n")).toEqual(["a", "b"]);
    expect(outputsMatch("lines", "1 2\n3\n", "1 2   \r\n3\r\n\n")).toBe(true);
    expect(outputsMatch("lines", "1 2\n3", "1 2\n3\n")).toBe(true);
  });

  test("keeps leading whitespace, inner blank lines and inner spaces", () => {
    expect(outputsMatch("lines", "a\nb\n", " a\nb\n")).toBe(false);
    expect(outputsMatch("lines", "a\nb\n", "a\n\nb\n")).toBe(false);
    expect(outputsMatch("lines", "1 2\n", "1  2\n")).toBe(false);
    expect(outputsMatch("lines", "", "\n\n")).toBe(true);
  });
});

describe("tokens", () => {
  test("only the whitespace-separated tokens count", () => {
    expect(tokensOf("  1 2\n\t3 \n")).toEqual(["1", "2", "3"]);
    expect(outputsMatch("tokens", "1 2 3\n", "1\n2\n\n3")).toBe(true);
    expect(outputsMatch("tokens", "1 2 3\n", "1 2\n")).toBe(false);
    expect(outputsMatch("tokens", "1.0\n", "1\n")).toBe(false);
  });
});

describe("float", () => {
  test("numbers within the absolute or the relative tolerance; other tokens exactly", () => {
    const absolute = { float: { absolute: 0.01 } };
    expect(outputsMatch(absolute, "3.14159 yes\n", "3.142 yes")).toBe(true);
    expect(outputsMatch(absolute, "3.14159 yes\n", "3.16 yes")).toBe(false);
    expect(outputsMatch(absolute, "3.14159 yes\n", "3.14159 YES")).toBe(false);
    const relative = { float: { relative: 1e-3 } };
    expect(outputsMatch(relative, "1000000\n", "1000999.5")).toBe(true);
    expect(outputsMatch(relative, "1000000\n", "1001001")).toBe(false);
  });

  test("either tolerance is enough; with none given, 1e-6 of both", () => {
    expect(tokensMatch("0", "0.005", { absolute: 0.01, relative: 0 })).toBe(true);
    expect(tokensMatch("1e9", "1.0000001e9", { absolute: 0, relative: 1e-6 })).toBe(true);
    expect(tokensMatch("2.5", "2.5000001", {})).toBe(true);
    expect(tokensMatch("2.5", "2.5001", {})).toBe(false);
  });

  test("a token that is not a plain decimal number is compared exactly", () => {
    expect(tokensMatch("nan", "nan", {})).toBe(true);
    expect(tokensMatch("1", "0x1", { absolute: 1 })).toBe(false);
    expect(tokensMatch("1", "Infinity", { absolute: 1e308 })).toBe(false);
    expect(tokensMatch("-.5", "-0.5", {})).toBe(true);
    expect(outputsMatch({ float: {} }, "1 2\n", "1\n")).toBe(false);
  });
});
