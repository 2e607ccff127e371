import type { ResolvedJob } from "../engine/resolve-request.js";
import { type RunContext, resultInPool } from "../engine/run-in-pool.js";
import type { SandboxPool } from "../pool/sandbox-pool.js";
import { askChecker } from "./checker.js";
import { type OutputComparison, outputsMatch } from "./compare-output.js";
import type { JudgeTestResult } from "./judge-result.js";
import { firstDifference } from "./output-diff.js";
import type { ResolvedTest } from "./resolve-judge.js";
import { verdictOfStatus } from "./verdicts.js";

/** Where a test's program and its checker (when one compares) run. */
export interface TestRunner {
  /** The prepared program (no compile stage left) and its pool. */
  program: { job: ResolvedJob; pool: SandboxPool };
  /** A built-in mode, or the prepared checker (no compile stage left) and its pool. */
  comparison: { output: OutputComparison } | { checker: { job: ResolvedJob; pool: SandboxPool } };
  reveal: boolean;
  context: RunContext;
}

/**
 * Runs one test in a sandbox of its own, isolated like any run (its own files, a clean
 * sandbox), and judges it: a status other than `ok` is the verdict; else the output is
 * compared with `expected` (when the test has one), by the built-in mode or the checker.
 * Rejects only with the pool's typed errors (overloaded, aborted, closed).
 */
export async function judgeTest(
  runner: TestRunner,
  test: ResolvedTest,
  signal: AbortSignal,
): Promise<JudgeTestResult> {
  const { program, comparison, context } = runner;
  const job: ResolvedJob = {
    ...program.job,
    stdin: test.stdin,
    args: test.args,
    files: [...program.job.files, ...test.files],
  };
  const result = await resultInPool(program.pool, job, { signal }, context);
  const base = {
    index: test.index,
    name: test.name,
    run: result.run,
    ...(result.message ? { message: result.message } : {}),
  };
  const byStatus = verdictOfStatus(result.status);
  if (byStatus) return { ...base, verdict: byStatus };
  if (test.expected === undefined) return { ...base, verdict: "accepted" };
  const actual = result.run?.stdout ?? "";
  if ("checker" in comparison) {
    const { job: checker, pool } = comparison.checker;
    return { ...base, ...(await askChecker(pool, checker, test, actual, signal, context)) };
  }
  if (outputsMatch(comparison.output, test.expected, actual))
    return { ...base, verdict: "accepted" };
  const diff = runner.reveal
    ? firstDifference(comparison.output, test.expected, actual)
    : undefined;
  return { ...base, verdict: "wrong_answer", ...(diff ? { diff } : {}) };
}
