import type { ResolvedJob } from "../engine/resolve-request.js";
import { type RunContext, resultInPool } from "../engine/run-in-pool.js";
import type { SandboxPool } from "../pool/sandbox-pool.js";
import type { StageResult } from "../request/execute-result.js";
import { FileTree } from "../request/file-tree.js";
import type { SandboxFile } from "../sandbox/sandbox.js";
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
  /** Most characters of each test's stdout and of its stderr kept in the result. */
  keptOutputChars: number;
  context: RunContext;
}

/**
 * Most characters of output one judge result keeps, all tests together: compared in full, each
 * test's output is then cut to its share, so a result of 1000 tests of 1 MiB each stays small.
 */
export const MAX_JUDGE_RESULT_OUTPUT_CHARS = 16 * 1_048_576;

/** Each test's share of MAX_JUDGE_RESULT_OUTPUT_CHARS, per stream. */
export function keptOutputChars(tests: number): number {
  return Math.floor(MAX_JUDGE_RESULT_OUTPUT_CHARS / (2 * tests));
}

/** The run as the result keeps it: each stream cut to `chars`, marked truncated when cut. */
function keptRun(run: StageResult | null, chars: number): StageResult | null {
  if (!run || (run.stdout.length <= chars && run.stderr.length <= chars)) return run;
  return {
    ...run,
    stdout: run.stdout.slice(0, chars),
    stderr: run.stderr.slice(0, chars),
    truncated: true,
  };
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
    files: filesForTest(program.job.files, test.files),
  };
  const result = await resultInPool(program.pool, job, { signal }, context);
  const base = {
    index: test.index,
    name: test.name,
    run: keptRun(result.run, runner.keptOutputChars),
    ...(result.message ? { message: result.message } : {}),
  };
  const byStatus = verdictOfStatus(result.status);
  if (byStatus) return { ...base, verdict: byStatus };
  if (test.expected === undefined) return { ...base, verdict: "accepted" };
  const actual = result.run?.stdout ?? "";
  if ("checker" in comparison) {
    const { job: checker, pool } = comparison.checker;
    const { checkerMessage, ...answer } = await askChecker(
      pool,
      checker,
      test,
      actual,
      signal,
      context,
    );
    // What a checker prints may quote the expected output: like a diff, only with reveal.
    return { ...base, ...answer, ...(runner.reveal && checkerMessage ? { checkerMessage } : {}) };
  }
  if (outputsMatch(comparison.output, test.expected, actual))
    return { ...base, verdict: "accepted" };
  const diff = runner.reveal
    ? firstDifference(comparison.output, test.expected, actual)
    : undefined;
  return { ...base, verdict: "wrong_answer", ...(diff ? { diff } : {}) };
}

/**
 * The program's files (for a compiled language, its collected build) beside a test's own. The
 * request's program files never clash with a test's (resolve-judge refuses that), but a build
 * may leave any file: one with a test file's name, or in the way of a test file's directory,
 * gives way to the test's.
 */
function filesForTest(programFiles: SandboxFile[], testFiles: SandboxFile[]): SandboxFile[] {
  if (testFiles.length === 0) return programFiles;
  const taken = new Set<string>();
  for (const { name } of testFiles) {
    taken.add(name);
    for (let slash = name.indexOf("/"); slash !== -1; slash = name.indexOf("/", slash + 1))
      taken.add(name.slice(0, slash));
  }
  const testTree = new FileTree(testFiles.map((file) => file.name));
  const kept = programFiles.filter(
    (file) => !taken.has(file.name) && testTree.fileAbove(file.name) === undefined,
  );
  return [...kept, ...testFiles];
}
