import type { StageExit } from "../protocol/messages.js";
import type { ExecutionStatus, StageResult } from "../request/execute-result.js";
import type { StageOutcome } from "../sandbox/sandbox.js";
import { signalName } from "./signal-names.js";

export function stageResultOf(outcome: StageOutcome): StageResult {
  const { exit } = outcome;
  return {
    stdout: outcome.stdout.toString("utf8"),
    stderr: outcome.stderr.toString("utf8"),
    exitCode: exit.exitCode,
    signal: signalName(exit.signal),
    wallMs: exit.wallMs,
    cpuMs: exit.cpuMs,
    memoryBytes: exit.memoryBytes,
    truncated: exit.outputLimit,
  };
}

/** True when a limit, not the program, ended the stage. */
export function hitLimit(exit: StageExit): boolean {
  return exit.outOfMemory || exit.wallTimeout || exit.cpuTimeout || exit.outputLimit;
}

/** The status of a run stage, by the status table of docs/api.md; the order decides which limit is named. */
export function runStatus(exit: StageExit): ExecutionStatus {
  if (exit.outOfMemory) return "memory_limit";
  // Not SIGXCPU alone: the supervisor flags it when the CPU time shows the limit sent it.
  if (exit.wallTimeout || exit.cpuTimeout) return "timeout";
  if (exit.outputLimit) return "output_limit";
  if (exit.exitCode === 0 && exit.signal === null && !exit.killed) return "ok";
  return "runtime_error";
}

/** Says in words which limit ended a stage, for the result's `message`. */
export function limitMessage(
  stage: "compile" | "run",
  exit: StageExit,
  limits: { timeMs: number; cpuMs: number; memoryMb: number; outputBytes: number },
): string | undefined {
  if (exit.outOfMemory)
    return `the ${stage} stage ran out of memory (limit ${limits.memoryMb} MiB)`;
  if (exit.wallTimeout) return `the ${stage} stage hit its time limit of ${limits.timeMs} ms`;
  if (exit.cpuTimeout) return `the ${stage} stage hit its CPU-time limit of ${limits.cpuMs} ms`;
  if (exit.outputLimit)
    return `the ${stage} stage wrote more than ${limits.outputBytes} bytes of output`;
  if (exit.killed) return `the ${stage} stage was killed on request`;
  if (exit.execFailed) return `the ${stage} command could not be started`;
  return undefined;
}
