import { afterAll, describe, expect, it } from "vitest";
import { AbortedError } from "../../src/errors/engine-errors.js";
import type { JudgeTestResult } from "../../src/judge/judge-result.js";
import type { StageResult } from "../../src/request/execute-result.js";
import { busySandboxes, testEngine } from "../helpers/test-engine.js";

const engine = testEngine({ languages: ["python", "cpp"], pool: { min: 1, max: 2 } });
afterAll(() => engine.close());

/** A Python program that does what its stdin's first line says: each test picks an ending. */
const BY_STDIN = [
  "import sys, time",
  "what = sys.stdin.readline().strip()",
  "if what == 'add':",
  "    a, b = map(int, sys.stdin.readline().split())",
  "    print(a + b)",
  "elif what == 'crash':",
  "    raise ValueError('boom')",
  "elif what == 'loop':",
  "    while True: pass",
  "elif what == 'sleep':",
  "    time.sleep(float(sys.stdin.readline()))",
  "    print('slept')",
  "elif what == 'hoard':",
  "    chunks = []",
  "    while True: chunks.append(bytearray(8 * 1024 * 1024))",
  "elif what == 'flood':",
  "    while True: print('y' * 100)",
].join("\n");

const LIMITS = { timeMs: 1_500, memoryMb: 64, outputBytes: 10_000 };

describe("verdicts of a judged submission, produced for real", () => {
  it("each test gets the verdict its run earned; the overall one is the first failure in test order", async () => {
    const streamed: JudgeTestResult[] = [];
    const result = await engine.judge(
      {
        language: "python",
        source: BY_STDIN,
        limits: LIMITS,
        tests: [
          { name: "sum", stdin: "add\n1 2\n", expected: "3\n" },
          { stdin: "loop\n", expected: "never" },
          { stdin: "add\n2 2\n", expected: "5\n" },
          { stdin: "crash\n", expected: "" },
          { stdin: "hoard\n" },
          { stdin: "flood\n", expected: "y" },
          { stdin: "add\n20 22\n" },
        ],
      },
      { onTest: (test) => streamed.push(test) },
    );
    expect(result.tests.map((test) => test.verdict)).toEqual([
      "accepted",
      "timeout",
      "wrong_answer",
      "runtime_error",
      "memory_limit",
      "output_limit",
      "accepted",
    ]);
    // The timeout ends after the wrong answer, yet it comes first in test order.
    expect(result.verdict).toBe("timeout");
    expect(result).toMatchObject({ language: "python", compile: null, passed: 2, total: 7 });
    expect(result.tests[0]).toMatchObject({ index: 0, name: "sum", run: { stdout: "3\n" } });
    expect(result.tests[1]?.name).toBe("test 2");
    expect(result.tests[1]?.message).toContain("time limit");
    expect(result.tests[3]?.run?.stderr).toContain("ValueError: boom");
    expect(result.tests[4]?.message).toContain("64 MiB");
    expect(result.tests[5]?.run?.truncated).toBe(true);
    // Without reveal, no test says where the outputs differ.
    expect(result.tests.some((test) => test.diff !== undefined)).toBe(false);
    const runs = result.tests.flatMap((test) => (test.run ? [test.run] : []));
    expect(result.maxWallMs).toBe(Math.max(...runs.map((run) => run.wallMs)));
    expect(result.maxWallMs).toBeGreaterThan(1_000);
    expect(result.maxMemoryBytes).toBe(Math.max(...runs.map((run) => run.memoryBytes)));
    expect(streamed.map((test) => test.index).sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it("C++ compiles once; every test runs that build", async () => {
    const compiles: StageResult[] = [];
    const result = await engine.judge(
      {
        language: "cpp",
        source:
          "#include <iostream>\nint main() { long a, b; std::cin >> a >> b; std::cout << a + b << '\\n'; }",
        tests: Array.from({ length: 6 }, (_, index) => ({
          stdin: `${index} ${index * 10}\n`,
          expected: `${index * 11}\n`,
        })),
      },
      { onCompile: (stage) => compiles.push(stage) },
    );
    expect(result.verdict, JSON.stringify(result)).toBe("accepted");
    expect(result.passed).toBe(6);
    expect(compiles).toHaveLength(1);
    expect(result.compile).toEqual(compiles[0]);
    expect(result.compile?.exitCode).toBe(0);
  });

  it("Java compiles once too; its tests run the collected classes", async () => {
    await using java = testEngine({ languages: ["java"], pool: { min: 0, max: 2 } });
    const compiles: StageResult[] = [];
    const result = await java.judge(
      {
        language: "java",
        source: [
          "import java.util.Scanner;",
          "public class Sum {",
          "  public static void main(String[] args) {",
          "    Scanner in = new Scanner(System.in);",
          "    System.out.println(in.nextLong() + in.nextLong());",
          "  }",
          "}",
        ].join("\n"),
        tests: [
          { stdin: "1 2", expected: "3\n" },
          { stdin: "2000000000 2000000000", expected: "4000000000\n" },
          { stdin: "1 1", expected: "3\n" },
        ],
      },
      { onCompile: (stage) => compiles.push(stage) },
    );
    expect(compiles).toHaveLength(1);
    expect(
      result.tests.map((test) => test.verdict),
      JSON.stringify(result),
    ).toEqual(["accepted", "accepted", "wrong_answer"]);
  });

  it("compile_error: the compiler's message, every test skipped", async () => {
    const streamed: JudgeTestResult[] = [];
    const result = await engine.judge(
      {
        language: "cpp",
        source: "int main() { return undefined_name; }",
        tests: [{ stdin: "1\n", expected: "1\n" }, { expected: "2\n" }],
      },
      { onTest: (test) => streamed.push(test) },
    );
    expect(result.verdict).toBe("compile_error");
    expect(result.compile?.stderr).toContain("undefined_name");
    expect(result.tests.map((test) => [test.verdict, test.run])).toEqual([
      ["skipped", null],
      ["skipped", null],
    ]);
    expect(result).toMatchObject({ passed: 0, total: 2, maxWallMs: 0, maxMemoryBytes: 0 });
    expect(streamed).toHaveLength(2);
  });

  it("internal_error: a checker that fails is the judge's fault, not the program's", async () => {
    const result = await engine.judge({
      language: "python",
      source: "print(input())",
      tests: [{ stdin: "x\n", expected: "x\n" }],
      compare: {
        checker: { language: "python", source: "print('checker broke')\nraise SystemExit(2)" },
      },
      reveal: true,
    });
    expect(result.verdict).toBe("internal_error");
    expect(result.tests[0]).toMatchObject({
      verdict: "internal_error",
      checkerMessage: "checker broke",
      message: expect.stringContaining("the checker failed"),
    });
  });

  it("stopOnFirstFailure: no test starts after a failure; the rest are skipped", async () => {
    const result = await engine.judge({
      language: "python",
      source: BY_STDIN,
      stopOnFirstFailure: true,
      concurrency: 1,
      tests: [
        { stdin: "add\n1 1\n", expected: "2\n" },
        { stdin: "add\n1 1\n", expected: "3\n" },
        { stdin: "add\n2 2\n", expected: "4\n" },
        { stdin: "crash\n" },
      ],
    });
    expect(result.verdict).toBe("wrong_answer");
    expect(result.tests.map((test) => test.verdict)).toEqual([
      "accepted",
      "wrong_answer",
      "skipped",
      "skipped",
    ]);
    expect(result.tests[2]?.run).toBeNull();
  });

  it("tests run in parallel, up to the pool's max and never past it", async () => {
    let peak = 0;
    const sampler = setInterval(() => {
      peak = Math.max(peak, busySandboxes(engine, "python"));
    }, 20);
    const result = await engine
      .judge({
        language: "python",
        source: BY_STDIN,
        concurrency: 8,
        tests: Array.from({ length: 6 }, () => ({ stdin: "sleep\n0.5\n", expected: "slept\n" })),
      })
      .finally(() => clearInterval(sampler));
    expect(result.verdict).toBe("accepted");
    expect(peak).toBe(2);
  });

  it("aborting kills the running tests and rejects with AbortedError", async () => {
    const controller = new AbortController();
    const started = performance.now();
    const judging = engine.judge(
      {
        language: "python",
        source: BY_STDIN,
        limits: { timeMs: 30_000 },
        tests: Array.from({ length: 4 }, () => ({ stdin: "sleep\n25\n" })),
      },
      { signal: controller.signal },
    );
    await expect
      .poll(() => busySandboxes(engine, "python"), { timeout: 20_000 })
      .toBeGreaterThan(0);
    controller.abort(new Error("enough"));
    await expect(judging).rejects.toSatisfy((error) => AbortedError.isInstance(error));
    // The runs were killed, not waited for (each would sleep 25 s).
    expect(performance.now() - started).toBeLessThan(20_000);
    await expect.poll(() => busySandboxes(engine, "python"), { timeout: 10_000 }).toBe(0);
  });
});
