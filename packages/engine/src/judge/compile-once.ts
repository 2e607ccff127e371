import type { ResolvedJob } from "../engine/resolve-request.js";
import { type RunContext, resultInPool } from "../engine/run-in-pool.js";
import { compileErrorResult, compileInSandbox } from "../engine/run-job.js";
import type { SandboxPool } from "../pool/sandbox-pool.js";
import type { ExecuteResult, StageResult } from "../request/execute-result.js";
import { CollectRefusedError } from "../sandbox/collected-files.js";
import type { SandboxFile } from "../sandbox/sandbox.js";

/** A program ready to run once per test: `job` has no compile stage left. */
export type PreparedProgram =
  | { ok: true; compile: StageResult | null; job: ResolvedJob }
  | { ok: false; result: ExecuteResult };

/**
 * Prepares a program to run many times. An interpreted one is ready as it is. A compiled one
 * is compiled once, in one sandbox of `pool`, and the files the compiler left are collected:
 * each test then runs them as an interpreted program, without compiling. When compiling
 * fails, its result (`compile_error`, or the sandbox's fault) comes back instead.
 */
export async function compileOnce(
  pool: SandboxPool,
  job: ResolvedJob,
  options: { signal?: AbortSignal; onCompile?: (stage: StageResult) => void },
  context: RunContext,
): Promise<PreparedProgram> {
  if (!job.spec.compile) return { ok: true, compile: null, job };
  let artifact: SandboxFile[] = [];
  const result = await resultInPool(pool, job, options, context, async (sandbox) => {
    sandbox.putFiles(job.files);
    const { compile, failed } = await compileInSandbox(sandbox, job, options);
    if (failed) return failed;
    try {
      artifact = await sandbox.collectFiles();
    } catch (error) {
      if (!(error instanceof CollectRefusedError)) throw error;
      // The build broke a bound of what may be carried to other sandboxes: the submission's doing.
      const message = `the compiled program can't be run by the tests: ${error.message}`;
      return { result: compileErrorResult(job, sandbox.version, compile, message), reusable: true };
    }
    return {
      result: { language: job.spec.id, version: sandbox.version, status: "ok", compile, run: null },
      reusable: true,
    };
  });
  if (result.status !== "ok") return { ok: false, result };
  return {
    ok: true,
    compile: result.compile,
    job: { ...job, spec: { ...job.spec, compile: undefined }, files: artifact },
  };
}
