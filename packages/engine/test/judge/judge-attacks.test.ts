import { afterAll, describe, expect, it } from "vitest";
import { InvalidRequestError } from "../../src/errors/engine-errors.js";
import { testEngine } from "../helpers/test-engine.js";

// Attacks on judge mode that gave a wrong verdict or failed a sandbox (security review).
const engine = testEngine({ languages: ["python", "c"], pool: { min: 1, max: 2 } });
afterAll(() => engine.close());

describe("judge verdicts a submission can't forge", () => {
  it("float: an expected number that overflows to Infinity doesn't accept any finite answer", async () => {
    const result = await engine.judge({
      language: "python",
      source: "print(0)",
      compare: { float: {} },
      tests: [{ expected: "1e309" }, { expected: "-1e400" }],
    });
    expect(result.tests.map((test) => test.verdict)).toEqual(["wrong_answer", "wrong_answer"]);
  });
});

describe("a test's files against the program's", () => {
  it("a program file that is a test file's directory is refused before anything runs", async () => {
    const judging = engine.judge({
      language: "python",
      files: [
        { name: "main.py", content: "print(1)" },
        { name: "data", content: "the submission's file" },
      ],
      tests: [{ expected: "1", files: [{ name: "data/in.txt", content: "3" }] }],
    });
    await expect(judging).rejects.toBeInstanceOf(InvalidRequestError);
  });

  it("a test file named like the compiled build's file fails no sandbox", async () => {
    // C's build leaves `main` beside the sources; the supervisor won't write a file twice.
    const judging = engine.judge({
      language: "c",
      source: "int main(void) { return 0; }",
      tests: [{ files: [{ name: "main", content: "not the program" }] }],
    });
    const outcome = await judging.then(
      (result) => result.tests[0]?.verdict,
      (error: unknown) => (error instanceof InvalidRequestError ? "refused" : error),
    );
    // A test's file takes the place of a build file of its name (the build may leave any file):
    // here the program itself, so the run fails as the test made it, never as a broken sandbox.
    expect(outcome).toBe("runtime_error");
  });
});

describe("a judge's own bad input", () => {
  it("a test's files where one is the other's directory are refused before anything runs", async () => {
    const judging = engine.judge({
      language: "python",
      source: "print(1)",
      tests: [
        {
          files: [
            { name: "a", content: "" },
            { name: "a/b", content: "" },
          ],
        },
      ],
    });
    await expect(judging).rejects.toBeInstanceOf(InvalidRequestError);
  });

  it("a checker that doesn't compile leaves the result's version the program's", async () => {
    const python = await engine.execute({ language: "python", source: "print(1)" });
    const result = await engine.judge({
      language: "python",
      source: "print(1)",
      tests: [{ expected: "1" }],
      compare: { checker: { language: "c", source: "int main(void) {" } },
    });
    expect(result.verdict).toBe("internal_error");
    expect(result.version).toBe(python.version);
  });
});

describe("the judge's memory", () => {
  it("a judge's result doesn't hold every test's full output", async () => {
    // 40 tests of 1 MiB stdout and 1 MiB stderr each: 80 MiB kept; 1000 tests would be 2 GiB
    // in the server's memory from one request of a few KiB.
    const result = await engine.judge({
      language: "python",
      source: "import sys\nsys.stdout.write('x' * 1048576)\nsys.stderr.write('y' * 1048576)",
      limits: { outputBytes: 1_048_576 },
      tests: Array.from({ length: 40 }, () => ({ expected: "x" })),
    });
    const kept = result.tests.reduce(
      (sum, test) => sum + (test.run?.stdout.length ?? 0) + (test.run?.stderr.length ?? 0),
      0,
    );
    expect(result.tests.every((test) => test.verdict === "wrong_answer")).toBe(true);
    expect(kept).toBeLessThanOrEqual(32 * 1_048_576);
  }, 240_000);
});
