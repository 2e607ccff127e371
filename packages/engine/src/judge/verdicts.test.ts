import { expect, test } from "vitest";
import { checkerVerdict, overallVerdict, verdictOfStatus } from "./verdicts.js";

test("every run status but ok is its own verdict; ok leaves it to the comparison", () => {
  expect(verdictOfStatus("ok")).toBeUndefined();
  for (const status of [
    "runtime_error",
    "timeout",
    "memory_limit",
    "output_limit",
    "internal_error",
  ] as const) {
    expect(verdictOfStatus(status)).toBe(status);
  }
});

test("the overall verdict is the first failing test's in test order, else accepted", () => {
  expect(overallVerdict([{ verdict: "accepted" }, { verdict: "accepted" }])).toBe("accepted");
  expect(
    overallVerdict([
      { verdict: "accepted" },
      { verdict: "timeout" },
      { verdict: "wrong_answer" },
      { verdict: "skipped" },
    ]),
  ).toBe("timeout");
  expect(overallVerdict([{ verdict: "skipped" }])).toBe("accepted");
});

test("a checker: exit 0 accepted, exit 1 wrong answer, anything else its own failure", () => {
  expect(checkerVerdict("ok", 0)).toBe("accepted");
  expect(checkerVerdict("runtime_error", 1)).toBe("wrong_answer");
  expect(checkerVerdict("runtime_error", 2)).toBe("internal_error");
  expect(checkerVerdict("runtime_error", null)).toBe("internal_error");
  expect(checkerVerdict("timeout", null)).toBe("internal_error");
});
