import { describe, expect, it } from "vitest";
import { MAX_TEST_CASES, parseTestCases, testCaseName, toJudgeTests } from "./test-cases.js";

describe("test cases", () => {
  it("are named by position, from 1", () => {
    expect(testCaseName(0)).toBe("Test 1");
    expect(testCaseName(9)).toBe("Test 10");
  });

  it("parse what storage or a link holds, dropping what isn't a test case", () => {
    expect(
      parseTestCases([
        { stdin: "1 2\n", expected: "3\n" },
        { stdin: "only input" },
        { expected: "only output" },
        { stdin: 5, expected: "x" },
        null,
        "text",
        ["a", "b"],
      ]),
    ).toEqual([
      { stdin: "1 2\n", expected: "3\n" },
      { stdin: "only input", expected: "" },
      { stdin: "", expected: "only output" },
    ]);
    expect(parseTestCases(undefined)).toEqual([]);
    expect(parseTestCases({ stdin: "a", expected: "b" })).toEqual([]);
  });

  it("keep at most MAX_TEST_CASES", () => {
    const many = Array.from({ length: MAX_TEST_CASES + 5 }, (_, i) => ({
      stdin: `${i}`,
      expected: "",
    }));
    const parsed = parseTestCases(many);
    expect(parsed).toHaveLength(MAX_TEST_CASES);
    expect(parsed.at(-1)?.stdin).toBe(String(MAX_TEST_CASES - 1));
  });

  it("become the judge's tests, with no expected output when none was written", () => {
    expect(
      toJudgeTests([
        { stdin: "1 2\n", expected: "3\n" },
        { stdin: "x", expected: "" },
      ]),
    ).toEqual([
      { name: "Test 1", stdin: "1 2\n", expected: "3\n" },
      { name: "Test 2", stdin: "x" },
    ]);
  });
});
