import type { ExecuteResult, StageResult } from "@warmbox/engine";
import { describe, expect, it } from "vitest";
import { judge0RunOutcome, sameOutput } from "./judge0-run-outcome.js";
import { MULTI_FILE_COMPILE_FAILED } from "./judge0-special-languages.js";
import type { Judge0SubmissionRequest } from "./judge0-submission-request.js";

const request: Judge0SubmissionRequest = {
  source_base64: "",
  language_id: 71,
  compiler_options: null,
  command_line_arguments: null,
  stdin: null,
  expected_output: null,
  cpu_time_limit: null,
  cpu_extra_time: null,
  wall_time_limit: null,
  memory_limit: null,
  stack_limit: null,
  max_processes_and_or_threads: null,
  enable_per_process_and_thread_time_limit: null,
  enable_per_process_and_thread_memory_limit: null,
  max_file_size: null,
  number_of_runs: null,
  redirect_stderr_to_stdout: false,
  enable_network: false,
  callback_url: null,
  additional_files: null,
};

const stage = (fields: Partial<StageResult> = {}): StageResult => ({
  stdout: "",
  stderr: "",
  exitCode: 0,
  signal: null,
  wallMs: 25,
  cpuMs: 12,
  memoryBytes: 3 * 1_048_576,
  truncated: false,
  ...fields,
});

const result = (fields: Partial<ExecuteResult>): ExecuteResult => ({
  language: "python",
  version: "3.12",
  status: "ok",
  compile: null,
  run: stage(),
  ...fields,
});

const outcomeOf = (
  fields: Partial<ExecuteResult>,
  changes: Partial<Judge0SubmissionRequest> = {},
) => judge0RunOutcome({ kind: "execute", result: result(fields) }, { ...request, ...changes });

describe("sameOutput", () => {
  it("ignores trailing whitespace of lines and trailing blank lines, nothing else", () => {
    expect(sameOutput("1 2\n3", "1 2  \n3\n\n")).toBe(true);
    expect(sameOutput("a\t\n", "a")).toBe(true);
    expect(sameOutput("1 2", " 1 2")).toBe(false);
    expect(sameOutput("a\n\nb", "a\nb")).toBe(false);
  });
});

describe("judge0RunOutcome", () => {
  it("reports times in seconds as decimal strings and memory in KB", () => {
    expect(outcomeOf({ run: stage({ stdout: "hi\n" }) })).toEqual({
      statusId: 3,
      stdout: "hi\n",
      stderr: null,
      compile_output: null,
      message: null,
      exit_code: 0,
      exit_signal: null,
      time: "0.012",
      wall_time: "0.025",
      memory: 3_072,
    });
  });

  it("compares with expected_output: Accepted or Wrong Answer", () => {
    expect(outcomeOf({ run: stage({ stdout: "3 \n" }) }, { expected_output: "3" }).statusId).toBe(
      3,
    );
    expect(outcomeOf({ run: stage({ stdout: "4\n" }) }, { expected_output: "3" }).statusId).toBe(4);
  });

  it("gives runtime errors Judge0's ids by signal, and NZEC by exit status", () => {
    const bySignal = (signal: string) =>
      outcomeOf({ status: "runtime_error", run: stage({ exitCode: null, signal }) });
    expect(bySignal("SIGSEGV")).toMatchObject({
      statusId: 7,
      exit_signal: 11,
      message: "Caught fatal signal 11",
    });
    expect(bySignal("SIGXFSZ").statusId).toBe(8);
    expect(bySignal("SIGFPE").statusId).toBe(9);
    expect(bySignal("SIGABRT").statusId).toBe(10);
    expect(bySignal("SIGKILL").statusId).toBe(12);
    expect(outcomeOf({ status: "runtime_error", run: stage({ exitCode: 3 }) })).toMatchObject({
      statusId: 11,
      exit_code: 3,
      message: "Exited with error status 3",
    });
  });

  it("maps the engine's limits: time, memory (a runtime error saying so), output", () => {
    expect(outcomeOf({ status: "timeout" }).statusId).toBe(5);
    expect(
      outcomeOf({
        status: "memory_limit",
        message: "killed at 64 MiB",
        run: stage({ signal: "SIGKILL", exitCode: null }),
      }),
    ).toMatchObject({ statusId: 12, message: "Memory limit exceeded: killed at 64 MiB" });
    expect(outcomeOf({ status: "output_limit" }).statusId).toBe(8);
    expect(outcomeOf({ status: "internal_error", message: "boom" })).toMatchObject({
      statusId: 13,
      message: "boom",
    });
  });

  it("is a time limit exceeded past cpu_time_limit even within cpu_extra_time", () => {
    expect(
      outcomeOf({ run: stage({ cpuMs: 1_200 }) }, { cpu_time_limit: 1, cpu_extra_time: 0.5 })
        .statusId,
    ).toBe(5);
    expect(outcomeOf({ run: stage({ cpuMs: 900 }) }, { cpu_time_limit: 1 }).statusId).toBe(3);
  });

  it("answers a compilation error with the compiler's output", () => {
    expect(
      outcomeOf({
        status: "compile_error",
        compile: stage({ exitCode: 1, stderr: "main.c:1: error\n" }),
        run: null,
      }),
    ).toMatchObject({ statusId: 6, compile_output: "main.c:1: error\n", stdout: null, time: null });
  });

  it("merges stderr into stdout when asked", () => {
    expect(
      outcomeOf(
        { run: stage({ stdout: "a\n", stderr: "b\n" }) },
        { redirect_stderr_to_stdout: true },
      ),
    ).toMatchObject({ stdout: "a\nb\n", stderr: null });
  });

  it("knows the special languages' failures: exec format (44), a failed compile script (89)", () => {
    expect(
      outcomeOf(
        {
          status: "runtime_error",
          run: stage({
            exitCode: 126,
            stderr: "./a.out: cannot execute binary file: Exec format error\n",
          }),
        },
        { language_id: 44 },
      ).statusId,
    ).toBe(14);
    expect(
      outcomeOf(
        {
          status: "runtime_error",
          run: stage({ exitCode: MULTI_FILE_COMPILE_FAILED, stderr: "gcc: error\n" }),
        },
        { language_id: 89 },
      ),
    ).toMatchObject({ statusId: 6, compile_output: "gcc: error\n" });
  });

  it("reports an engine refusal as an Internal Error naming it", () => {
    expect(
      judge0RunOutcome(
        { kind: "error", error: { code: "limit_exceeded", message: "too much" } },
        request,
      ),
    ).toMatchObject({ statusId: 13, message: "limit_exceeded: too much" });
  });
});
