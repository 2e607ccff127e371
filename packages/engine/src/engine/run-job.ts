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
      result: {
        language: job.spec.id,
        version: sandbox.version,
        status: "compile_error",
        compile,
        run: null,
        ...(message ? { message } : {}),
      },
      reusable: !hitLimit(outcome.exit) && !outcome.exit.killed,
    },
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
  if (compile) await sandbox.resize(containerResourcesOf(job.runLimits));

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
