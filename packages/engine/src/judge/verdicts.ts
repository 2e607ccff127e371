import type { ExecutionStatus } from "../request/execute-result.js";
import type { JudgeTestResult, Verdict } from "./judge-result.js";

/**
 * A test's verdict from its run's status, when the status decides it: every status but `ok`
 * is its own verdict; `ok` leaves it to the comparison (undefined).
 */
export function verdictOfStatus(status: ExecutionStatus): Verdict | undefined {
  return status === "ok" ? undefined : status;
}

/** The submission's verdict: its first failing test's in test order, else accepted. */
export function overallVerdict(tests: readonly Pick<JudgeTestResult, "verdict">[]): Verdict {
  for (const { verdict } of tests) {
    if (verdict !== "accepted" && verdict !== "skipped") return verdict;
  }
  return "accepted";
}

/** What the checker's run says of the answer: exit 0 accepted, 1 wrong answer, else a fault. */
export function checkerVerdict(
  status: ExecutionStatus,
  exitCode: number | null | undefined,
): "accepted" | "wrong_answer" | "internal_error" {
  if (status === "ok") return "accepted";
  if (status === "runtime_error" && exitCode === 1) return "wrong_answer";
  return "internal_error";
}
