import { describe, expect, it } from "vitest";
import { parseCompareOption } from "./compare-option.js";

describe("parseCompareOption", () => {
  it.each(["lines", "exact", "tokens"] as const)("takes the named mode %s as it is", (mode) => {
    expect(parseCompareOption(mode)).toBe(mode);
  });

  it.each([
    ["float", { float: {} }],
    ["float:1e-6", { float: { absolute: 1e-6 } }],
    ["float:0.001:1e-9", { float: { absolute: 0.001, relative: 1e-9 } }],
    ["float::1e-9", { float: { relative: 1e-9 } }],
    ["float:0", { float: { absolute: 0 } }],
  ])("reads %s as a float comparison with its tolerances", (text, compare) => {
    expect(parseCompareOption(text)).toEqual(compare);
  });

  it.each([
    ["words", /expected lines, exact, tokens or float/],
    ["float:1:2:3", /expected lines, exact, tokens or float/],
    ["checker", /expected lines, exact, tokens or float/],
    ["float:-1", /absolute tolerance of float must be a non-negative number, got '-1'/],
    ["float:1:abc", /relative tolerance of float must be a non-negative number, got 'abc'/],
    ["float:Infinity", /absolute tolerance .* got 'Infinity'/],
  ])("refuses %s, saying what it expected", (text, message) => {
    expect(() => parseCompareOption(text)).toThrow(message);
  });
});
