import { constants } from "node:os";
import type { ExecuteResult, StageResult } from "@warmbox/engine";
import type { SubmissionOutcome } from "../submissions/submission-record.js";
import { EXECUTABLE_ID, MULTI_FILE_ID } from "./judge0-language-ids.js";
import { EXEC_FORMAT_ERROR, MULTI_FILE_COMPILE_FAILED } from "./judge0-special-languages.js";
import { type Judge0StatusId, signalStatusId } from "./judge0-statuses.js";
import type { Judge0SubmissionRequest } from "./judge0-submission-request.js";

/** What a finished run gives a Judge0 submission (texts as they came; null when empty). */
export interface Judge0RunOutcome {
  statusId: Judge0StatusId;
  stdout: string | null;
  stderr: string | null;
  compile_output: string | null;
  message: string | null;
  exit_code: number | null;
  exit_signal: number | null;
  /** Seconds of CPU and of wall-clock time, as decimal strings ("0.012"). */
  time: string | null;
  wall_time: string | null;
  /** Kilobytes. */
  memory: number | null;
}

const orNull = (text: string | undefined) => (text ? text : null);
const seconds = (ms: number) => (ms / 1_000).toFixed(3);

/**
 * Outputs compared as Judge0 compares them: trailing whitespace of every line and trailing
 * blank lines ignored, all else exact.
 */
export function sameOutput(expected: string, actual: string): boolean {
  const strip = (text: string) =>
    text
      .split("\n")
      .map((line) => line.trimEnd())
      .join("\n")
      .trimEnd();
  return strip(expected) === strip(actual);
}

function signalNumber(signal: string): number | null {
  return (constants.signals as Record<string, number>)[signal] ?? null;
}

function runStatus(
  result: ExecuteResult,
  run: StageResult,
  request: Judge0SubmissionRequest,
): { statusId: Judge0StatusId; message: string | null } {
  switch (result.status) {
    case "timeout":
      return { statusId: 5, message: "Time limit exceeded" };
    case "memory_limit":
      // Judge0 has no status of its own for it: a runtime error that says what happened.
      return {
        statusId: 12,
        message: `Memory limit exceeded${result.message ? `: ${result.message}` : ""}`,
      };
    case "output_limit":
      // Judge0's output goes to a file, so too much of it is a file-size error there.
      return {
        statusId: 8,
        message: `Output limit exceeded${result.message ? `: ${result.message}` : ""}`,
      };
    case "internal_error":
      return { statusId: 13, message: result.message ?? "internal error" };
    default:
      break;
  }
  if (run.signal !== null) {
    return {
      statusId: signalStatusId(run.signal),
      message: `Caught fatal signal ${signalNumber(run.signal) ?? run.signal}`,
    };
  }
  if (run.exitCode !== 0) {
    if (
      request.language_id === EXECUTABLE_ID &&
      run.exitCode === 126 &&
      run.stderr.includes(EXEC_FORMAT_ERROR)
    ) {
      return { statusId: 14, message: EXEC_FORMAT_ERROR };
    }
    return { statusId: 11, message: `Exited with error status ${run.exitCode}` };
  }
  // Judge0 gives the CPU time limit's grace (cpu_extra_time) to report the real time, yet a
  // program past the limit has exceeded it.
  if (request.cpu_time_limit !== null && run.cpuMs > request.cpu_time_limit * 1_000) {
    return { statusId: 5, message: "Time limit exceeded" };
  }
  if (request.expected_output !== null && !sameOutput(request.expected_output, run.stdout)) {
    return { statusId: 4, message: null };
  }
  return { statusId: 3, message: null };
}

function fromExecuteResult(
  result: ExecuteResult,
  request: Judge0SubmissionRequest,
): Judge0RunOutcome {
  const compile = result.compile;
  const compileOutput = compile ? orNull(compile.stdout + compile.stderr) : null;
  const run = result.run;
  if (result.status === "compile_error" || !run) {
    const compileFailed = result.status === "compile_error";
    return {
      statusId: compileFailed ? 6 : 13,
      stdout: null,
      stderr: null,
      compile_output: compileOutput,
      message: compileFailed ? null : (result.message ?? "the program did not run"),
      exit_code: compileFailed ? (compile?.exitCode ?? null) : null,
      exit_signal: null,
      time: null,
      wall_time: null,
      memory: null,
    };
  }
  if (request.language_id === MULTI_FILE_ID && run.exitCode === MULTI_FILE_COMPILE_FAILED) {
    return {
      ...fromExecuteResult({ ...result, status: "compile_error", run: null }, request),
      compile_output: orNull(run.stderr),
      exit_code: 1,
    };
  }
  const { statusId, message } = runStatus(result, run, request);
  const merged = request.redirect_stderr_to_stdout;
  return {
    statusId,
    stdout: orNull(merged ? run.stdout + run.stderr : run.stdout),
    stderr: merged ? null : orNull(run.stderr),
    compile_output: compileOutput,
    message,
    exit_code: run.exitCode,
    exit_signal: run.signal === null ? null : signalNumber(run.signal),
    time: seconds(run.cpuMs),
    wall_time: seconds(run.wallMs),
    memory: Math.round(run.memoryBytes / 1_024),
  };
}

/** A finished submission's outcome, as Judge0 reports it. */
export function judge0RunOutcome(
  outcome: SubmissionOutcome,
  request: Judge0SubmissionRequest,
): Judge0RunOutcome {
  if (outcome.kind === "execute") return fromExecuteResult(outcome.result, request);
  return {
    statusId: 13,
    stdout: null,
    stderr: null,
    compile_output: null,
    message:
      outcome.kind === "error"
        ? `${outcome.error.code}: ${outcome.error.message}`
        : "not a Judge0 submission",
    exit_code: null,
    exit_signal: null,
    time: null,
    wall_time: null,
    memory: null,
  };
}
