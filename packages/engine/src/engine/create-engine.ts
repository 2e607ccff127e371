import { DockerContainerRuntime } from "../docker/docker-container-runtime.js";
import {
  AbortedError,
  EngineClosedError,
  EngineError,
  EngineUnavailableError,
} from "../errors/engine-errors.js";
import type { JudgeOptions, JudgeRequest } from "../judge/judge-request.js";
import type { JudgeResult } from "../judge/judge-result.js";
import { runJudge } from "../judge/run-judge.js";
import { languageKey } from "../languages/language-spec.js";
import { languageRegistry } from "../languages/registry.js";
import type { SandboxPool } from "../pool/sandbox-pool.js";
import { ContainerReaper } from "../reaper/container-reaper.js";
import type { ExecuteRequest } from "../request/execute-request.js";
import type { ExecuteResult, LanguageInfo } from "../request/execute-result.js";
import type { ContainerRuntime } from "../sandbox/container-runtime.js";
import { type ResolvedEngineOptions, resolveEngineOptions } from "./engine-options.js";
import type {
  Engine,
  EngineHealth,
  EngineOptions,
  EngineStats,
  ExecuteOptions,
} from "./engine-types.js";
import { LanguagePools } from "./language-pools.js";
import { NetworkAccess } from "./network-access.js";
import { OutputBudget } from "./output-budget.js";
import { type ResolvedJob, resolveRequest } from "./resolve-request.js";
import { type RunContext, resultInPool } from "./run-in-pool.js";

/**
 * The engine: its parts put together. The pools (with their shared queue) own admission and
 * which languages are served, the reaper owns container clean-up, runInPool owns one run,
 * runJudge owns a judged submission.
 */
class WarmboxEngine implements Engine {
  readonly #options: ResolvedEngineOptions;
  readonly #runtime: ContainerRuntime;
  readonly #pools: LanguagePools;
  readonly #reaper: ContainerReaper;
  readonly #network: NetworkAccess;
  readonly #run: RunContext;
  #ready: Promise<void> | undefined;
  #closing: Promise<void> | undefined;

  constructor(options: EngineOptions) {
    this.#options = resolveEngineOptions(options, languageRegistry);
    const { engineId, logger } = this.#options;
    this.#runtime = DockerContainerRuntime.connect(options.docker, options.sandboxNetwork);
    this.#pools = new LanguagePools({
      registry: languageRegistry,
      languages: this.#options.languages,
      pools: this.#options.pools,
      runtimes: this.#options.runtimes,
      runLimits: this.#options.limits.run,
      engineId,
      maxSandboxes: this.#options.maxSandboxes,
      maxQueue: this.#options.maxQueue,
      runtime: this.#runtime,
      logger,
    });
    this.#reaper = new ContainerReaper({
      runtime: this.#runtime,
      engineId,
      exclusiveDaemon: this.#options.exclusiveDaemon,
      logger,
    });
    this.#network = new NetworkAccess(this.#runtime, logger);
    this.#run = {
      runtime: this.#runtime,
      outputBudget: new OutputBudget(this.#options.maxBufferedOutputBytes),
      logger,
    };
    this.#reaper.sweepStopped();
  }

  async execute(request: ExecuteRequest, options: ExecuteOptions = {}): Promise<ExecuteResult> {
    if (this.#closing) throw new EngineClosedError();
    await this.#ensureReady();
    const job = this.#resolve(request);
    return resultInPool(this.#poolFor(job), job, options, this.#run);
  }

  async judge(request: JudgeRequest, options: JudgeOptions = {}): Promise<JudgeResult> {
    if (this.#closing) throw new EngineClosedError();
    await this.#ensureReady();
    return runJudge(request, options, {
      resolve: (execute) => this.#resolve(execute),
      poolFor: (job) => this.#poolFor(job),
      run: this.#run,
    });
  }

  async languages(): Promise<LanguageInfo[]> {
    await this.#ensureReady();
    return this.#pools.describe();
  }

  async refreshImages(): Promise<string[]> {
    if (this.#closing) throw new EngineClosedError();
    await this.#ensureReady();
    return this.#pools.serveArrivals();
  }

  async warmup(options: { signal?: AbortSignal } = {}): Promise<void> {
    await this.#ensureReady();
    if (options.signal?.aborted) throw new AbortedError(options.signal.reason);
    try {
      await this.#pools.warmup();
    } catch (error) {
      if (EngineError.isInstance(error)) throw error;
      throw new EngineUnavailableError(
        `warm sandboxes could not be started: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }

  stats(): EngineStats {
    return this.#pools.stats();
  }

  async health(): Promise<EngineHealth> {
    let docker = true;
    try {
      await this.#runtime.ping();
    } catch {
      docker = false;
    }
    return { docker, warm: docker && this.#ready !== undefined && this.#pools.warm };
  }

  close(): Promise<void> {
    this.#closing ??= this.#shutdown();
    return this.#closing;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  async #shutdown(): Promise<void> {
    this.#reaper.stop();
    await this.#pools.close();
    try {
      await this.#reaper.removeAll();
    } catch (error) {
      this.#options.logger.warn({ err: error }, "could not list containers while closing");
    }
  }

  #resolve(request: ExecuteRequest): ResolvedJob {
    const job = resolveRequest(
      request,
      languageRegistry,
      this.#pools.served,
      (key) => this.#pools.get(key)?.version,
      this.#options.limits,
    );
    // gVisor runs the template's clone as the template's child, not the supervisor's
    // (CLONE_PARENT): the supervisor never sees it exit. Templates are runc's only.
    const templates =
      this.#options.templates && this.#options.runtimes.get(languageKey(job.spec)) !== "runsc";
    return templates ? job : { ...job, spec: { ...job.spec, template: false } };
  }

  /** The pool that runs a resolved job, once its network access is checked. */
  #poolFor(job: ResolvedJob): SandboxPool {
    this.#network.check(job);
    const pool = this.#pools.get(languageKey(job.spec));
    if (!pool) throw new EngineUnavailableError(`no pool for ${job.spec.id}`);
    if (pool.sandboxRuntime === "runsc" && (job.runLimits.network || job.compileLimits.network)) {
      throw new EngineUnavailableError(
        `network access is unavailable for ${job.spec.id}: its sandboxes run under gVisor (runtime "runsc"), which the engine runs without a network; serve it with runtime "runc" to allow the network`,
      );
    }
    return pool;
  }

  /** Once: Docker answers, leftovers of dead engines are gone, and we know which images exist. */
  #ensureReady(): Promise<void> {
    this.#ready ??= this.#prepare().catch((error: unknown) => {
      this.#ready = undefined;
      throw error;
    });
    return this.#ready;
  }

  async #prepare(): Promise<void> {
    try {
      await this.#runtime.ping();
    } catch (error) {
      throw new EngineUnavailableError(
        "the Docker daemon does not answer; start it (scripts/ensure-docker) or pass `docker` options",
        { cause: error },
      );
    }
    if (this.#options.limits.max.network) await this.#network.prepare();
    await this.#reaper.reapDeadEngines();
    await this.#pools.serveBuilt();
  }
}

/**
 * Creates an engine. Nothing starts until the first `execute()`, `warmup()` or `languages()`.
 *
 * @example
 * await using engine = createEngine({ languages: ["python", "cpp"], pool: { min: 1, max: 4 } });
 * const result = await engine.execute({ language: "py", source: "print(6 * 7)" });
 */
export function createEngine(options: EngineOptions = {}): Engine {
  return new WarmboxEngine(options);
}
