import { EngineError } from "../errors/engine-errors.js";
import type { SandboxPool } from "../pool/sandbox-pool.js";
import type { ExecuteResult } from "../request/execute-result.js";
import { bufferedOutputBytes, containerResourcesOf } from "../request/limits.js";
import type { ContainerRuntime } from "../sandbox/container-runtime.js";
import type { Sandbox } from "../sandbox/sandbox.js";
import type { ExecuteOptions, Logger } from "./engine-types.js";
import type { OutputBudget } from "./output-budget.js";
import type { ResolvedJob } from "./resolve-request.js";
import { type JobOutcome, runJob } from "./run-job.js";

/** What every run of an engine shares. */
export interface RunContext {
  runtime: ContainerRuntime;
  outputBudget: OutputBudget;
  logger: Logger;
}

/**
 * Runs a job in a sandbox of `pool`: waits for a place in the queue and a sandbox, reserves
 * the output the job may buffer, runs it, and hands the result to `deliver` at once; then
 * wipes (or destroys) the sandbox before its place goes to the next request. A sandbox that
 * fails is a result too (`internal_error`, or `memory_limit` when the OOM killer stopped it).
 * Rejects only with the pool's typed errors (overloaded, aborted, closed), before any run.
 * `work` is what runs in the leased sandbox: the whole job (runJob) unless told otherwise.
 */
export async function runInPool(
  pool: SandboxPool,
  job: ResolvedJob,
  options: ExecuteOptions,
  context: RunContext,
  deliver: (result: ExecuteResult) => void,
  work: (sandbox: Sandbox) => Promise<JobOutcome> = (sandbox) => runJob(sandbox, job, options),
): Promise<void> {
  const enqueued = performance.now();
  let sandbox: Sandbox;
  try {
    // A compiled language starts with the compile stage's cgroup limits; runJob switches them.
    // gVisor can't change a running sandbox's limits: there both stages get the run's memory,
    // CPUs and processes, the limits the program is held to (switching would fail the job).
    const firstStage =
      job.spec.compile && pool.sandboxRuntime === "runc" ? job.compileLimits : job.runLimits;
    sandbox = await pool.acquire({
      resources: containerResourcesOf(firstStage),
      signal: options.signal,
    });
  } catch (error) {
    if (EngineError.isInstance(error)) throw error;
    context.logger.error({ language: job.spec.id, err: error }, "no sandbox could be started");
    deliver(internalError(job, pool.version, "no sandbox could be started: Docker failed"));
    return;
  }
  let releaseOutput: () => void;
  try {
    releaseOutput = await context.outputBudget.reserve(
      bufferedOutputBytes(job.runLimits, job.spec.compile ? job.compileLimits : undefined),
      options.signal,
    );
  } catch (error) {
    // Aborted before the run: the sandbox ran nothing and goes back as it came.
    void pool.release(sandbox, true);
    throw error;
  }
  let reusable = false;
  try {
    options.onStart?.({ queuedMs: Math.round(performance.now() - enqueued) });
    const outcome = await work(sandbox);
    reusable = outcome.reusable;
    context.logger.info(
      { language: job.spec.id, sandbox: sandbox.id.slice(0, 12), status: outcome.result.status },
      "executed",
    );
    deliver(outcome.result);
  } catch (error) {
    // A program may make the OOM killer pick the supervisor (it can lower its own
    // oom_score_adj to the container's floor); the whole container then dies of its limit.
    if (await context.runtime.diedOfOom(sandbox.id)) {
      deliver(memoryLimit(job, sandbox.version));
    } else {
      context.logger.error(
        { language: job.spec.id, sandbox: sandbox.id.slice(0, 12), err: error },
        "sandbox failed",
      );
      deliver(
        // The cause (Docker's or the supervisor's words) goes to the log, not to the caller.
        internalError(job, sandbox.version, "the sandbox failed; the engine's log says why"),
      );
    }
  } finally {
    await pool.release(sandbox, reusable);
    releaseOutput();
  }
}

/**
 * runInPool as a promise of its result, resolved as soon as the result exists (the sandbox's
 * wipe goes on after); rejects with the pool's typed errors.
 */
export function resultInPool(
  pool: SandboxPool,
  job: ResolvedJob,
  options: ExecuteOptions,
  context: RunContext,
  work?: (sandbox: Sandbox) => Promise<JobOutcome>,
): Promise<ExecuteResult> {
  return new Promise<ExecuteResult>((resolve, reject) => {
    runInPool(pool, job, options, context, resolve, work).catch(reject);
  });
}

function memoryLimit(job: ResolvedJob, version: string): ExecuteResult {
  return {
    language: job.spec.id,
    version,
    status: "memory_limit",
    compile: null,
    run: null,
    message: `the sandbox ran out of memory (limit ${job.runLimits.memoryMb} MiB) and was stopped`,
  };
}

function internalError(
  job: ResolvedJob,
  version: string | undefined,
  message: string,
): ExecuteResult {
  return {
    language: job.spec.id,
    version: version ?? "unknown",
    status: "internal_error",
    compile: null,
    run: null,
    message,
  };
}
