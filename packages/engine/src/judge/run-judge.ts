import type { ResolvedJob } from "../engine/resolve-request.js";
import type { RunContext } from "../engine/run-in-pool.js";
import { AbortedError } from "../errors/engine-errors.js";
import type { SandboxPool } from "../pool/sandbox-pool.js";
import type { ExecuteResult, StageResult } from "../request/execute-result.js";
import { compileOnce } from "./compile-once.js";
import type { JudgeOptions, JudgeRequest } from "./judge-request.js";
import type { JudgeResult, JudgeTestResult, Verdict } from "./judge-result.js";
import { judgeTest, keptOutputChars, type TestRunner } from "./judge-test.js";
import { type ResolvedJudge, type ResolveExecute, resolveJudge } from "./resolve-judge.js";
import { overallVerdict } from "./verdicts.js";

/** Most characters of a checker's compiler errors kept in the judge's `message`. */
const MAX_CHECKER_ERROR_CHARS = 1_000;

/** What a judge needs of its engine. */
export interface JudgeContext {
  /** Resolves an ExecuteRequest (schema, language, limits): the engine's resolveRequest. */
  resolve: ResolveExecute;
  /** The pool that serves a resolved job, once its network access is checked. */
  poolFor(job: ResolvedJob): SandboxPool;
  run: RunContext;
}

/**
 * Judges a submission: checks the whole request before anything runs, compiles the program
 * (and a compiled checker) once, then runs the tests, at most `concurrency` (and the pool's
 * `max`) at once, each in a clean sandbox of its own, and returns every test's verdict in
 * request order. Aborting kills the running tests and rejects with AbortedError.
 */
export async function runJudge(
  request: JudgeRequest,
  options: JudgeOptions,
  context: JudgeContext,
): Promise<JudgeResult> {
  const judge = resolveJudge(request, context.resolve);
  const pool = context.poolFor(judge.program);
  const comparison: TestRunner["comparison"] =
    "output" in judge.comparison
      ? judge.comparison
      : {
          checker: {
            job: judge.comparison.checker,
            pool: context.poolFor(judge.comparison.checker),
          },
        };
  if (options.signal?.aborted) throw new AbortedError(options.signal.reason);

  // One signal for all the judge started: the caller's abort, or the first engine fault.
  const stop = new AbortController();
  const forward = () => stop.abort(options.signal?.reason);
  options.signal?.addEventListener("abort", forward, { once: true });
  try {
    const compiling = { signal: stop.signal, onCompile: options.onCompile };
    const program = await compileOnce(pool, judge.program, compiling, context.run);
    throwIfAborted(options.signal);
    if (!program.ok) return notJudged(judge, program.result, program.result.compile, options);
    const compare = await prepareComparison(comparison, stop.signal, context.run, judge.reveal);
    throwIfAborted(options.signal);
    if ("failure" in compare) {
      // The checker's failure, reported under the program's language and version.
      const failure = { ...compare.failure, version: pool.version ?? "unknown" };
      return notJudged(judge, failure, program.compile, options);
    }
    const runner: TestRunner = {
      program: { job: program.job, pool },
      comparison: compare.ready,
      reveal: judge.reveal,
      keptOutputChars: keptOutputChars(judge.tests.length),
      context: context.run,
    };
    const width = Math.min(judge.concurrency ?? pool.max, pool.max, judge.tests.length);
    const tests = await runTests(judge, runner, width, stop, options);
    throwIfAborted(options.signal);
    return summary(judge, pool.version ?? "unknown", program.compile, tests);
  } finally {
    options.signal?.removeEventListener("abort", forward);
  }
}

/**
 * A comparison ready for the tests: a compiled checker is compiled once; when it fails to, the
 * failure says why, as an `internal_error` (the judge's setup, not the submission, failed).
 */
async function prepareComparison(
  comparison: TestRunner["comparison"],
  signal: AbortSignal,
  context: RunContext,
  reveal: boolean,
): Promise<{ ready: TestRunner["comparison"] } | { failure: ExecuteResult }> {
  if ("output" in comparison) return { ready: comparison };
  const { job, pool } = comparison.checker;
  const checker = await compileOnce(pool, job, { signal }, context);
  if (checker.ok) return { ready: { checker: { job: checker.job, pool } } };
  const failure = checker.result;
  // The checker's compiler quotes its source, which may hold the answers: shown only with reveal.
  const why = reveal
    ? (failure.message ?? failure.compile?.stderr.slice(0, MAX_CHECKER_ERROR_CHARS))
    : "its compiler's output is shown with reveal: true";
  return {
    failure: {
      ...failure,
      status: "internal_error",
      message: `the checker did not compile: ${why}`,
    },
  };
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortedError(signal.reason);
}

/**
 * Runs the tests with `width` workers, each taking the next test in request order. Once one
 * fails under `stopOnFirstFailure`, no test starts any more; those never started are
 * `skipped`, reported after the rest. An engine fault (overloaded, closed) stops every
 * running test and rejects.
 */
async function runTests(
  judge: ResolvedJudge,
  runner: TestRunner,
  width: number,
  stop: AbortController,
  options: JudgeOptions,
): Promise<JudgeTestResult[]> {
  const results: Array<JudgeTestResult | undefined> = judge.tests.map(() => undefined);
  let next = 0;
  let stopped = false;
  let fault: unknown;
  const worker = async () => {
    while (!stopped && !stop.signal.aborted && next < judge.tests.length) {
      const test = judge.tests[next++];
      if (!test) break;
      const result = await judgeTest(runner, test, stop.signal);
      // A test killed by the abort has no verdict of its own: the judge rejects.
      if (stop.signal.aborted) break;
      results[test.index] = result;
      options.onTest?.(result);
      if (result.verdict !== "accepted" && judge.stopOnFirstFailure) stopped = true;
    }
  };
  const workers = Array.from({ length: width }, () =>
    worker().catch((error: unknown) => {
      fault ??= error;
      stop.abort(error);
    }),
  );
  await Promise.all(workers);
  if (fault !== undefined && !options.signal?.aborted) throw fault;
  return judge.tests.map((test) => {
    const result = results[test.index];
    if (result) return result;
    const skipped = skippedTest(test.index, test.name);
    options.onTest?.(skipped);
    return skipped;
  });
}

function skippedTest(index: number, name: string): JudgeTestResult {
  return { index, name, verdict: "skipped", run: null };
}

/** The result when no test could run: the program (or the checker) did not compile. */
function notJudged(
  judge: ResolvedJudge,
  failure: ExecuteResult,
  compile: StageResult | null,
  options: JudgeOptions,
): JudgeResult {
  const verdict: Verdict = failure.status === "compile_error" ? "compile_error" : "internal_error";
  const tests = judge.tests.map((test) => skippedTest(test.index, test.name));
  for (const test of tests) options.onTest?.(test);
  return {
    ...summary(judge, failure.version, compile, tests),
    verdict,
    ...(failure.message ? { message: failure.message } : {}),
  };
}

function summary(
  judge: ResolvedJudge,
  version: string,
  compile: StageResult | null,
  tests: JudgeTestResult[],
): JudgeResult {
  const runs = tests.flatMap((test) => (test.run ? [test.run] : []));
  return {
    language: judge.program.spec.id,
    version,
    verdict: overallVerdict(tests),
    compile,
    tests,
    passed: tests.filter((test) => test.verdict === "accepted").length,
    total: tests.length,
    maxWallMs: Math.max(0, ...runs.map((run) => run.wallMs)),
    maxMemoryBytes: Math.max(0, ...runs.map((run) => run.memoryBytes)),
  };
}
