import { afterAll, describe, expect, it } from "vitest";
import { EngineError } from "../../src/errors/engine-errors.js";
import {
  MAX_EXPECTED_BYTES,
  MAX_TESTS,
  MAX_TESTS_TOTAL_BYTES,
} from "../../src/judge/judge-request.js";
import { containersOf, testEngine } from "../helpers/test-engine.js";

// min 0: nothing starts ahead of demand, so any container would come from a bad request.
const engine = testEngine({ languages: ["python"], pool: { min: 0, max: 1 } });
afterAll(() => engine.close());

async function errorOf(request: unknown): Promise<EngineError> {
  try {
    await engine.judge(request as never);
  } catch (error) {
    if (EngineError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("the request was accepted");
}

const program = { language: "python", source: "print(input())" };
// One string, shared by the tests that hold it: its bytes count once per test, its memory once.
const big = "x".repeat(45 * 1_048_576);

describe("a bad judge request gets a typed error naming the field, before anything runs", () => {
  it.each([
    ["no tests", { ...program, tests: [] }, "invalid_request", "tests"],
    [
      "too many tests",
      { ...program, tests: Array.from({ length: MAX_TESTS + 1 }, () => ({})) },
      "invalid_request",
      "tests",
    ],
    [
      "an expected output too large",
      { ...program, tests: [{}, {}, {}, { expected: "é".repeat(MAX_EXPECTED_BYTES / 2 + 1) }] },
      "invalid_request",
      "tests[3].expected",
    ],
    [
      "tests too large together",
      { ...program, tests: [{ stdin: big }, { stdin: big }, { stdin: big }] },
      "invalid_request",
      "tests",
    ],
    [
      "an unknown key in a test",
      { ...program, tests: [{ stdin: "", expect: "typo" }] },
      "invalid_request",
      "tests[0]",
    ],
    [
      "a NUL byte in a test's argument",
      { ...program, tests: [{ args: ["a\0b"] }] },
      "invalid_request",
      "tests[0].args[0]",
    ],
    [
      "a test's file that would replace the program's",
      {
        language: "python",
        files: [{ name: "main.py", content: "print(1)" }],
        tests: [{ files: [{ name: "main.py", content: "print(2)" }] }],
      },
      "invalid_request",
      "tests[0].files[0].name",
    ],
    [
      "an unknown compare mode",
      { ...program, compare: "fuzzy", tests: [{}] },
      "invalid_request",
      "compare",
    ],
    [
      "a negative float tolerance",
      { ...program, compare: { float: { absolute: -1 } }, tests: [{}] },
      "invalid_request",
      "compare.float.absolute",
    ],
    [
      "a checker in an unknown language",
      { ...program, compare: { checker: { language: "cobra", source: "" } }, tests: [{}] },
      "unknown_language",
      "compare.checker.language",
    ],
    [
      "a checker with neither source nor files",
      { ...program, compare: { checker: { language: "python" } }, tests: [{}] },
      "invalid_request",
      "compare.checker.files",
    ],
    [
      "a checker file named like one of its inputs",
      {
        ...program,
        compare: { checker: { language: "python", files: [{ name: "expected", content: "" }] } },
        tests: [{}],
      },
      "invalid_request",
      "compare.checker.files[0].name",
    ],
    [
      "a checker's limit above the maximum",
      {
        ...program,
        compare: { checker: { language: "python", source: "", limits: { timeMs: 10_000_000 } } },
        tests: [{}],
      },
      "limit_exceeded",
      "compare.checker.limits.timeMs",
    ],
    [
      "the program's limit above the maximum",
      { ...program, limits: { memoryMb: 1_000_000 }, tests: [{}] },
      "limit_exceeded",
      "limits.memoryMb",
    ],
    [
      "an unknown language",
      { language: "cobra", source: "", tests: [{}] },
      "unknown_language",
      "cobra",
    ],
    [
      "a concurrency of 0",
      { ...program, concurrency: 0, tests: [{}] },
      "invalid_request",
      "concurrency",
    ],
  ])("%s", async (_what, request, code, named) => {
    const error = await errorOf(request);
    expect(error.code).toBe(code);
    expect(error.message).toContain(named);
    if (code === "invalid_request") {
      expect((error.details as Array<{ path: string }>).map((issue) => issue.path)).toContain(
        named,
      );
    }
    if (code === "limit_exceeded") expect(error.details).toMatchObject({ field: named });
  });

  it("started no container for any of them", async () => {
    expect(await containersOf(engine.id)).toEqual([]);
  });

  it("the total of the tests' bytes is MAX_TESTS_TOTAL_BYTES", () => {
    expect(3 * big.length).toBeGreaterThan(MAX_TESTS_TOTAL_BYTES);
    expect(2 * big.length).toBeLessThan(MAX_TESTS_TOTAL_BYTES);
  });
});
