import { StringDecoder } from "node:string_decoder";
import type { ExecuteResult, StageResult } from "../request/execute-result.js";
import { containerResourcesOf } from "../request/limits.js";
import type { Sandbox } from "../sandbox/sandbox.js";
import type { ExecuteOptions } from "./engine-types.js";
import type { ResolvedJob } from "./resolve-request.js";
import { compileCommand, runCommand } from "./stage-commands.js";
import { hitLimit, limitMessage, runStatus, stageResultOf } from "./stage-result.js";

export interface JobOutcome {
  result: ExecuteResult;
  /** Whether the sandbox may be wiped and reused; false after OOM, timeouts and kills. */
  reusable: boolean;
}

/** Turns a callback of strings into one of raw chunks, never splitting a UTF-8 character. */
function textStream(listener: ((chunk: string) => void) | undefined) {
  if (!listener) return undefined;
  const decoder = new StringDecoder("utf8");
  return (chunk: Buffer) => {
    const text = decoder.write(chunk);
    if (text) listener(text);
  };
}

async function* asBuffers(source: AsyncIterable<string>): AsyncIterable<Buffer> {
  for await (const chunk of source) yield Buffer.from(chunk);
}

/**
 * The compile stage of a job whose files are in the sandbox: its result, and the job's
 * outcome when it failed (the run must not start). Nothing for an interpreted language.
 */
export async function compileInSandbox(
  sandbox: Sandbox,
  job: ResolvedJob,
  options: Pick<ExecuteOptions, "signal" | "onCompile">,
): Promise<{ compile: StageResult | null; failed?: JobOutcome }> {
  const compileStage = compileCommand(job);
  if (!compileStage) return { compile: null };
  const outcome = await sandbox.runStage(compileStage, { signal: options.signal });
  const compile = stageResultOf(outcome);
  options.onCompile?.(compile);
  const failed =
    outcome.exit.exitCode !== 0 || outcome.exit.signal !== null || hitLimit(outcome.exit);
  if (!failed) return { compile };
  const message = limitMessage("compile", outcome.exit, job.compileLimits);
  return {
    compile,
    failed: {
      result: compileErrorResult(job, sandbox.version, compile, message),
      reusable: !hitLimit(outcome.exit) && !outcome.exit.killed,
    },
  };
}

/** The result of a job whose program could not be built: no run stage, `message` if any. */
export function compileErrorResult(
  job: ResolvedJob,
  version: string,
  compile: StageResult | null,
  message: string | undefined,
): ExecuteResult {
  return {
    language: job.spec.id,
    version,
    status: "compile_error",
    compile,
    run: null,
    ...(message ? { message } : {}),
  };
}

/** Runs a resolved job in a leased sandbox: files in, compile stage if any, run stage. */
export async function runJob(
  sandbox: Sandbox,
  job: ResolvedJob,
  options: ExecuteOptions,
): Promise<JobOutcome> {
  const base = { language: job.spec.id, version: sandbox.version };
  sandbox.putFiles(job.files);

  const { compile, failed } = await compileInSandbox(sandbox, job, options);
  if (failed) return failed;
  if (compile) {
    const runMemoryTooSmall = await resizeForRun(sandbox, job);
    if (runMemoryTooSmall) {
      return {
        result: { ...base, status: "memory_limit", compile, run: null, message: runMemoryTooSmall },
        reusable: false,
      };
    }
  }

  const outcome = await sandbox.runStage(runCommand(job), {
    stdin: job.stdin,
    stdinStream: options.stdin ? asBuffers(options.stdin) : undefined,
    onStdout: textStream(options.onStdout),
    onStderr: textStream(options.onStderr),
    signal: options.signal,
  });
  const message = limitMessage("run", outcome.exit, job.runLimits);
  return {
    result: {
      ...base,
      status: runStatus(outcome.exit),
      compile,
      run: stageResultOf(outcome),
      ...(message ? { message } : {}),
    },
    reusable: !hitLimit(outcome.exit) && !outcome.exit.killed,
  };
}

/**
 * Gives the sandbox the run's cgroup limits. The compiled program and its files live in the
 * sandbox's tmpfs, which counts as its memory: when the run's memory limit is below what they
 * already take, the limit can't be set, and that is the request's memory limit being too small
 * (returned as the message), not an engine fault.
 */
async function resizeForRun(sandbox: Sandbox, job: ResolvedJob): Promise<string | undefined> {
  try {
    await sandbox.resize(containerResourcesOf(job.runLimits));
    return undefined;
  } catch (error) {
    if (job.runLimits.memoryMb >= job.compileLimits.memoryMb) throw error;
    return `the compiled program and its files take more than the run's memory limit of ${job.runLimits.memoryMb} MiB`;
  }
}
