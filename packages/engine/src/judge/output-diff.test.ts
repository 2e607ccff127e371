import { expect, test } from "vitest";
import { firstDifference, MAX_DIFF_LINE_CHARS } from "./output-diff.js";

test("names the first differing line, 1-based, with both sides", () => {
  expect(firstDifference("lines", "1\n2\n3\n", "1\n2\n4\n")).toEqual({
    line: 3,
    expected: "3",
    actual: "4",
  });
});

test("a side without that line is empty; equal outputs have no difference", () => {
  expect(firstDifference("lines", "1\n2\n", "1\n")).toEqual({ line: 2, expected: "2", actual: "" });
  expect(firstDifference("lines", "1  \n\n", "1")).toBeUndefined();
});

test("exact shows line ends, so a missing final newline is visible", () => {
  expect(firstDifference("exact", "42\n", "42")).toEqual({
    line: 1,
    expected: "42\n",
    actual: "42",
  });
});

test("float skips lines within the tolerance to the one that is wrong", () => {
  const float = { float: { absolute: 0.01 } };
  expect(firstDifference(float, "1.000\n2.000\n3.000\n", "1.001\n2.000\n3.5\n")).toEqual({
    line: 3,
    expected: "3.000",
    actual: "3.5",
  });
});

test("long lines are cut around the first differing character", () => {
  const expected = `${"a".repeat(5_000)}X${"b".repeat(5_000)}`;
  const actual = `${"a".repeat(5_000)}Y${"b".repeat(5_000)}`;
  const diff = firstDifference("lines", expected, actual);
  expect(diff?.line).toBe(1);
  // The bound plus the two ellipses.
  expect(diff?.expected.length).toBe(MAX_DIFF_LINE_CHARS + 2);
  expect(diff?.expected).toMatch(/^…a+Xb+…$/);
  expect(diff?.actual).toMatch(/^…a+Yb+…$/);
});
