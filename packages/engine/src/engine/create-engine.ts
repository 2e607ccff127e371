import PQueue from "p-queue";
import { DockerContainerRuntime } from "../docker/docker-container-runtime.js";
import {
  AbortedError,
  EngineClosedError,
  EngineError,
  EngineUnavailableError,
  MemoryOvercommitError,
  OverloadedError,
} from "../errors/engine-errors.js";
import { imageRecipe } from "../images/image-recipe.js";
import { languageRegistry } from "../languages/registry.js";
import { SandboxPool } from "../pool/sandbox-pool.js";
import type { ExecuteRequest } from "../request/execute-request.js";
import type { ExecuteResult, LanguageInfo } from "../request/execute-result.js";
import { bufferedOutputBytes, containerResourcesOf } from "../request/limits.js";
import type { ContainerRuntime } from "../sandbox/container-runtime.js";
import type { Sandbox } from "../sandbox/sandbox.js";
import { reapDeadEngines, removeEngineContainers, sandboxLabels } from "./container-labels.js";
import { type ResolvedEngineOptions, resolveEngineOptions } from "./engine-options.js";
import type {
  Engine,
  EngineHealth,
  EngineOptions,
  EngineStats,
  ExecuteOptions,
} from "./engine-types.js";
import { committedMemoryBytes, memoryVerdict } from "./memory-commitment.js";
import { OutputBudget } from "./output-budget.js";
import { type ResolvedJob, resolveRequest } from "./resolve-request.js";
import { runJob } from "./run-job.js";

/** How often the engine removes its own containers that stopped under it (daemon restarts). */
const REAP_INTERVAL_MS = 15_000;

interface LanguageSlot {
  pool: SandboxPool;
  /** Admits at most `pool.max` jobs of the language at once; the rest wait here. */
  queue: PQueue;
}

class WarmboxEngine implements Engine {
  readonly #options: ResolvedEngineOptions;
  readonly #runtime: ContainerRuntime;
  readonly #slots = new Map<string, LanguageSlot>();
  /** Admits at most `maxSandboxes` jobs at once across languages. */
  readonly #running: PQueue;
  readonly #outputBudget: OutputBudget;
  /** Languages whose image is built; known after the first start-up check. */
  readonly #served = new Set<string>();
  #ready: Promise<void> | undefined;
  /** Why sandboxes can't have a filtered network here; requests with `network: true` get it. */
  #networkRefusal: string | undefined;
  #closing: Promise<void> | undefined;
  readonly #reapTimer: NodeJS.Timeout;

  constructor(options: EngineOptions) {
    this.#options = resolveEngineOptions(options, languageRegistry);
    this.#runtime = DockerContainerRuntime.connect(options.docker, options.sandboxNetwork);
    this.#running = new PQueue({ concurrency: this.#options.maxSandboxes });
    this.#outputBudget = new OutputBudget(this.#options.maxBufferedOutputBytes);
    for (const id of this.#options.languages) {
      const spec = languageRegistry.find(id);
      const poolOptions = this.#options.pools.get(id);
      if (!spec || !poolOptions) continue;
      const pool = new SandboxPool({
        language: id,
        image: imageRecipe(spec.image).tag,
        resources: containerResourcesOf({ ...this.#options.limits.run, ...spec.limits }),
        labels: sandboxLabels(this.#options.engineId, id),
        ...poolOptions,
        runtime: this.#runtime,
        logger: this.#options.logger,
      });
      this.#slots.set(id, { pool, queue: new PQueue({ concurrency: poolOptions.max }) });
    }
    this.#reapTimer = setInterval(() => void this.#reapStopped(), REAP_INTERVAL_MS);
    this.#reapTimer.unref();
  }

  async execute(request: ExecuteRequest, options: ExecuteOptions = {}): Promise<ExecuteResult> {
    if (this.#closing) throw new EngineClosedError();
    await this.#ensureReady();
    const job = resolveRequest(
      request,
      languageRegistry,
      this.#served,
      (id) => this.#slots.get(id)?.pool.version,
      this.#options.limits,
    );
    if (this.#networkRefusal && (job.runLimits.network || job.compileLimits.network)) {
      throw new EngineUnavailableError(`network access is unavailable: ${this.#networkRefusal}`);
    }
    if (options.signal?.aborted) throw new AbortedError(options.signal.reason);
    const slot = this.#slots.get(job.spec.id);
    if (!slot) throw new EngineUnavailableError(`no pool for ${job.spec.id}`);
    const mustWait = slot.queue.pending >= slot.queue.concurrency;
    if (mustWait && this.#queued() >= this.#options.maxQueue)
      throw new OverloadedError(this.#queued());
    const enqueued = performance.now();
    return new Promise<ExecuteResult>((resolve, reject) => {
      // Aborting while queued rejects at once and takes the job out of the queue (a job nobody
      // waits for must not hold a place in it); once running, the signal kills the program.
      // The queue gets a signal of its own that only ever fires while the job waits: p-queue
      // would otherwise also drop a running job's slot before its sandbox is back.
      let started = false;
      const leaveQueue = new AbortController();
      const abortWhileQueued = () => {
        if (started) return;
        const aborted = new AbortedError(options.signal?.reason);
        reject(aborted);
        leaveQueue.abort(aborted);
      };
      options.signal?.addEventListener("abort", abortWhileQueued, { once: true });
      slot.queue
        .add(
          async () => {
            started = true;
            options.signal?.removeEventListener("abort", abortWhileQueued);
            if (options.signal?.aborted) return;
            await this.#running.add(async () => {
              const releaseOutput = await this.#outputBudget.reserve(
                bufferedOutputBytes(
                  job.runLimits,
                  job.spec.compile ? job.compileLimits : undefined,
                ),
                options.signal,
              );
              try {
                options.onStart?.({ queuedMs: Math.round(performance.now() - enqueued) });
                await this.#runInSandbox(slot.pool, job, options, resolve);
              } finally {
                releaseOutput();
              }
            });
          },
          { signal: leaveQueue.signal },
        )
        .catch(reject);
    });
  }

  /**
   * Leases a sandbox, runs the job, hands the result to the caller at once, then wipes the
   * sandbox (still inside the queue slot, so a pool never holds more than `max`).
   */
  async #runInSandbox(
    pool: SandboxPool,
    job: ResolvedJob,
    options: ExecuteOptions,
    deliver: (result: ExecuteResult) => void,
  ): Promise<void> {
    const logger = this.#options.logger;
    let sandbox: Sandbox;
    try {
      // A compiled language starts with the compile stage's cgroup limits; runJob switches them.
      const firstStage = job.spec.compile ? job.compileLimits : job.runLimits;
      sandbox = await pool.acquire(containerResourcesOf(firstStage));
    } catch (error) {
      logger.error({ language: job.spec.id, err: error }, "no sandbox could be started");
      deliver(this.#internalError(job, pool.version, "no sandbox could be started: Docker failed"));
      return;
    }
    let reusable = false;
    try {
      const outcome = await runJob(sandbox, this.#runtime, job, options);
      reusable = outcome.reusable;
      logger.info(
        { language: job.spec.id, sandbox: sandbox.id.slice(0, 12), status: outcome.result.status },
        "executed",
      );
      deliver(outcome.result);
    } catch (error) {
      // A program may make the OOM killer pick the supervisor (it can lower its own
      // oom_score_adj to the container's floor); the whole container then dies of its limit.
      if (await this.#runtime.diedOfOom(sandbox.id)) {
        deliver(this.#memoryLimit(job, sandbox.version));
      } else {
        logger.error(
          { language: job.spec.id, sandbox: sandbox.id.slice(0, 12), err: error },
          "sandbox failed",
        );
        deliver(
          this.#internalError(
            job,
            sandbox.version,
            `the sandbox failed: ${(error as Error).message}`,
          ),
        );
      }
    } finally {
      await pool.release(sandbox, reusable);
    }
  }

  #memoryLimit(job: ResolvedJob, version: string): ExecuteResult {
    return {
      language: job.spec.id,
      version,
      status: "memory_limit",
      compile: null,
      run: null,
      message: `the sandbox ran out of memory (limit ${job.runLimits.memoryMb} MiB) and was stopped`,
    };
  }

  #internalError(job: ResolvedJob, version: string | undefined, message: string): ExecuteResult {
    return {
      language: job.spec.id,
      version: version ?? "unknown",
      status: "internal_error",
      compile: null,
      run: null,
      message,
    };
  }

  #queued(): number {
    let waiting = 0;
    for (const slot of this.#slots.values()) waiting += slot.queue.size;
    return waiting + this.#running.size;
  }

  async languages(): Promise<LanguageInfo[]> {
    await this.#ensureReady();
    const served = [...this.#slots.entries()].filter(([id]) => this.#served.has(id));
    await Promise.all(served.map(([, slot]) => slot.pool.learnVersion()));
    return served.map(([id, slot]) => {
      const spec = languageRegistry.find(id);
      if (!spec) throw new EngineUnavailableError(`no spec for ${id}`);
      return {
        id,
        name: spec.name,
        version: slot.pool.version ?? "unknown",
        aliases: [...spec.aliases],
        compiled: spec.compile !== undefined,
        defaultFile: spec.defaultFile,
        starter: spec.starter,
        highlight: spec.highlight,
      };
    });
  }

  async refreshImages(): Promise<string[]> {
    if (this.#closing) throw new EngineClosedError();
    await this.#ensureReady();
    const arrived: string[] = [];
    for (const [id, slot] of this.#slots) {
      if (!this.#served.has(id) && (await this.#runtime.imageExists(slot.pool.image))) {
        this.#served.add(id);
        arrived.push(id);
      }
    }
    // A pool that can't warm now is still served: its first request starts a sandbox.
    const warmed = await Promise.allSettled(
      arrived.map((id) => this.#slots.get(id)?.pool.warmup()),
    );
    for (const [index, outcome] of warmed.entries()) {
      if (outcome.status === "rejected") {
        this.#options.logger.warn(
          { language: arrived[index], err: outcome.reason },
          "a newly served language could not warm its pool",
        );
      }
    }
    return arrived;
  }

  async warmup(options: { signal?: AbortSignal } = {}): Promise<void> {
    await this.#ensureReady();
    if (options.signal?.aborted) throw new AbortedError(options.signal.reason);
    try {
      await Promise.all(
        [...this.#slots.entries()]
          .filter(([id]) => this.#served.has(id))
          .map(([, slot]) => slot.pool.warmup()),
      );
    } catch (error) {
      if (EngineError.isInstance(error)) throw error;
      throw new EngineUnavailableError(
        `warm sandboxes could not be started: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }

  stats(): EngineStats {
    return {
      queued: this.#queued(),
      pools: [...this.#slots.values()].map(({ pool, queue }) => ({
        ...pool.stats(),
        waiting: queue.size,
      })),
    };
  }

  async health(): Promise<EngineHealth> {
    let docker = true;
    try {
      await this.#runtime.ping();
    } catch {
      docker = false;
    }
    const warm =
      this.#ready !== undefined &&
      [...this.#slots.entries()].every(([id, slot]) => !this.#served.has(id) || slot.pool.warm);
    return { docker, warm: docker && warm };
  }

  close(): Promise<void> {
    this.#closing ??= this.#shutdown();
    return this.#closing;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  async #shutdown(): Promise<void> {
    clearInterval(this.#reapTimer);
    await Promise.all([...this.#slots.values()].map(({ queue }) => queue.onIdle()));
    await Promise.all([...this.#slots.values()].map(({ pool }) => pool.close()));
    try {
      await removeEngineContainers(this.#runtime, this.#options.engineId, { running: true });
    } catch (error) {
      this.#options.logger.warn({ err: error }, "could not list containers while closing");
    }
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
    const logger = this.#options.logger;
    try {
      await this.#runtime.ping();
    } catch (error) {
      throw new EngineUnavailableError(
        "the Docker daemon does not answer; start it (scripts/ensure-docker) or pass `docker` options",
        { cause: error },
      );
    }
    if (this.#options.limits.max.network) await this.#prepareNetwork();
    const reaped = await reapDeadEngines(this.#runtime, {
      exclusiveDaemon: this.#options.exclusiveDaemon,
    });
    if (reaped > 0) logger.info({ reaped }, "removed containers left by dead engines");
    const missing: string[] = [];
    for (const id of this.#slots.keys()) {
      const spec = languageRegistry.find(id);
      if (spec && (await this.#runtime.imageExists(imageRecipe(spec.image).tag)))
        this.#served.add(id);
      else missing.push(id);
    }
    if (missing.length > 0) {
      logger.warn(
        { missing },
        "runner images not built; these languages are not served (run `warmbox images build`)",
      );
    }
    if (this.#served.size === 0) {
      throw new EngineUnavailableError(
        `no runner image is built for ${this.#options.languages.join(", ")}; run \`npx warmbox images build\``,
      );
    }
    await this.#checkMemoryCommitment();
  }

  /** Refuses, or warns, when the served pools could take more memory than the Docker host has. */
  async #checkMemoryCommitment(): Promise<void> {
    const pools = [...this.#slots.entries()]
      .filter(([id]) => this.#served.has(id))
      .map(([language, slot]) => ({ language, ...slot.pool.memoryCommitment() }));
    const committed = committedMemoryBytes(pools, this.#options.maxSandboxes);
    const host = await this.#runtime.hostMemoryBytes();
    if (host <= 0) {
      this.#options.logger.warn(
        { committedBytes: committed },
        "the Docker daemon does not report its host's memory; the sandboxes' total is unchecked",
      );
      return;
    }
    const verdict = memoryVerdict(committed, host);
    if (verdict === "refuse") throw new MemoryOvercommitError(committed, host);
    if (verdict === "warn") {
      this.#options.logger.warn(
        { committedBytes: committed, hostBytes: host },
        "the sandboxes may use more than 80 % of the Docker host's memory",
      );
    }
  }

  /** Network-on sandboxes only ever join the filtered network; without it they are refused. */
  async #prepareNetwork(): Promise<void> {
    try {
      await this.#runtime.prepareNetwork();
      this.#networkRefusal = undefined;
    } catch (error) {
      this.#networkRefusal = (error as Error).message;
      this.#options.logger.warn(
        { reason: this.#networkRefusal },
        "sandboxes can't have a filtered network; requests with network: true are refused",
      );
    }
  }

  async #reapStopped(): Promise<void> {
    try {
      await removeEngineContainers(this.#runtime, this.#options.engineId, { running: false });
    } catch {
      // Docker is away; the next round tries again.
    }
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
