import type { ResolvedJob } from "../engine/resolve-request.js";
import { type RunContext, resultInPool } from "../engine/run-in-pool.js";
import type { SandboxPool } from "../pool/sandbox-pool.js";
import { CHECKER_INPUT_FILES, type ResolvedTest } from "./resolve-judge.js";
import { checkerVerdict } from "./verdicts.js";

/** Most characters of a checker's stdout kept as the test's `checkerMessage`. */
export const MAX_CHECKER_MESSAGE_CHARS = 1_000;

export interface CheckerAnswer {
  verdict: "accepted" | "wrong_answer" | "internal_error";
  /** What the checker printed, trimmed and cut to MAX_CHECKER_MESSAGE_CHARS. */
  checkerMessage?: string;
  /** Why the checker itself failed, for an `internal_error`. */
  message?: string;
}

/**
 * Asks the checker about one test's output: it runs in a sandbox of its own with the files
 * `input`, `expected` and `actual` beside it, whose names are also its arguments 1-3.
 */
export async function askChecker(
  pool: SandboxPool,
  checker: ResolvedJob,
  test: ResolvedTest,
  actual: string,
  signal: AbortSignal,
  context: RunContext,
): Promise<CheckerAnswer> {
  const [input, expected, output] = CHECKER_INPUT_FILES;
  const job: ResolvedJob = {
    ...checker,
    stdin: Buffer.alloc(0),
    args: [...CHECKER_INPUT_FILES],
    files: [
      ...checker.files,
      { name: input, content: test.stdin },
      { name: expected, content: Buffer.from(test.expected ?? "") },
      { name: output, content: Buffer.from(actual) },
    ],
  };
  const result = await resultInPool(pool, job, { signal }, context);
  const verdict = checkerVerdict(result.status, result.run?.exitCode);
  const printed = result.run?.stdout.trim().slice(0, MAX_CHECKER_MESSAGE_CHARS);
  const answer: CheckerAnswer = { verdict, ...(printed ? { checkerMessage: printed } : {}) };
  if (verdict === "internal_error") {
    const how =
      result.message ??
      `it ended with ${result.status} (exit code ${result.run?.exitCode ?? "none"}, signal ${result.run?.signal ?? "none"})`;
    answer.message = `the checker failed: ${how}`;
  }
  return answer;
}
