import type { JudgeTest } from "./api-types.js";

/** One test case of the Tests tab: what the program reads, and what it should print. */
export interface TestCase {
  stdin: string;
  /** The expected stdout; empty means "not checked" (only the run's status counts). */
  expected: string;
}

/**
 * Most test cases the page keeps: far under the server's bound (1000), and enough for any
 * exercise written by hand (a share link carrying more would be too long to paste anyway).
 */
export const MAX_TEST_CASES = 50;

/** The name a test case goes by, on the page and in the judge's answer: "Test 1", "Test 2"… */
export function testCaseName(index: number): string {
  return `Test ${index + 1}`;
}

/**
 * The test cases in `value` (from storage or a share link, so never trusted): every entry that
 * is a plain object with string `stdin` and `expected` (a missing one reads as empty), in order, at
 * most MAX_TEST_CASES; anything else is dropped.
 */
export function parseTestCases(value: unknown): TestCase[] {
  if (!Array.isArray(value)) return [];
  const cases: TestCase[] = [];
  for (const item of value) {
    if (cases.length === MAX_TEST_CASES) break;
    if (typeof item !== "object" || item === null || Array.isArray(item)) continue;
    const { stdin = "", expected = "" } = item as Record<string, unknown>;
    if (typeof stdin !== "string" || typeof expected !== "string") continue;
    cases.push({ stdin, expected });
  }
  return cases;
}

/** The `tests` of a judge request: named by position, `expected` left out when empty. */
export function toJudgeTests(cases: readonly TestCase[]): JudgeTest[] {
  return cases.map((testCase, index) => ({
    name: testCaseName(index),
    stdin: testCase.stdin,
    ...(testCase.expected ? { expected: testCase.expected } : {}),
  }));
}
