import { EngineUnavailableError, MemoryOvercommitError } from "../errors/engine-errors.js";
import { languageRecipe } from "../images/image-recipe.js";
import type { LanguageSpec } from "../languages/language-spec.js";
import type { LanguageRegistry } from "../languages/registry.js";
import { AdmissionQueue } from "../pool/admission-queue.js";
import { SandboxPool } from "../pool/sandbox-pool.js";
import type { LanguageInfo } from "../request/execute-result.js";
import { containerResourcesOf, type Limits } from "../request/limits.js";
import type { ContainerRuntime } from "../sandbox/container-runtime.js";
import type { SandboxRuntime } from "../sandbox/sandbox-runtime.js";
import { sandboxLabels } from "./container-labels.js";
import type { ResolvedPoolOptions } from "./engine-options.js";
import type { EngineStats, Logger } from "./engine-types.js";
import { checkMemoryCommitment } from "./memory-commitment.js";

export interface LanguagePoolsOptions {
  registry: LanguageRegistry;
  /** Keys of the configured language versions (see languageKey), each with its pool's sizes in `pools`. */
  languages: string[];
  pools: Map<string, ResolvedPoolOptions>;
  /** The OCI runtime of each configured language's sandboxes. */
  runtimes: Map<string, SandboxRuntime>;
  /** The engine's default run limits: a warm sandbox starts with its language's. */
  runLimits: Limits;
  engineId: string;
  maxSandboxes: number;
  maxQueue: number;
  runtime: ContainerRuntime;
  logger: Logger;
}

interface ServedPool {
  spec: LanguageSpec;
  pool: SandboxPool;
}

/**
 * The sandbox pools of an engine's configured languages, their shared queue, and which of
 * them are served: those whose runner image is built. The served set only grows (at start,
 * and when images built since arrive), and every time, before it does, the memory the served
 * pools could take is checked against the Docker host's.
 */
export class LanguagePools {
  readonly #pools = new Map<string, ServedPool>();
  readonly #served = new Set<string>();
  readonly #admission: AdmissionQueue;

  constructor(private readonly options: LanguagePoolsOptions) {
    this.#admission = new AdmissionQueue({
      maxActive: options.maxSandboxes,
      maxWaiting: options.maxQueue,
    });
    for (const key of options.languages) {
      const spec = options.registry.byKey(key);
      const sizes = options.pools.get(key);
      const sandboxRuntime = options.runtimes.get(key);
      if (!spec || !sizes || !sandboxRuntime) continue;
      const pool = new SandboxPool({
        language: spec.id,
        image: languageRecipe(spec).tag,
        resources: containerResourcesOf({ ...options.runLimits, ...spec.limits }),
        labels: sandboxLabels(options.engineId, spec.id),
        sandboxRuntime,
        ...sizes,
        admission: this.#admission,
        runtime: options.runtime,
        logger: options.logger,
      });
      this.#pools.set(key, { spec, pool });
    }
  }

  /** Keys of the language versions served now (see languageKey). */
  get served(): ReadonlySet<string> {
    return this.#served;
  }

  /** The pool of a configured language version, by key, served or not. */
  get(key: string): SandboxPool | undefined {
    return this.#pools.get(key)?.pool;
  }

  /**
   * At start: serves every configured language whose image is built, and logs the others.
   * Throws EngineUnavailableError when none is built, and MemoryOvercommitError (serving
   * none) when their pools could take more memory than the Docker host has.
   */
  async serveBuilt(): Promise<void> {
    await this.#checkRuntimes();
    const { built, missing } = await this.#lookForImages();
    if (missing.length > 0) {
      this.options.logger.warn(
        { missing },
        "runner images not built; these languages are not served (run `warmbox images build`)",
      );
    }
    if (built.length === 0 && this.#served.size === 0) {
      throw new EngineUnavailableError(
        `no runner image is built for ${this.options.languages.join(", ")}; run \`npx warmbox images build\``,
      );
    }
    await this.#checkMemory([...this.#served, ...built]);
    for (const key of built) this.#served.add(key);
  }

  /**
   * Serves the configured languages whose image was built since, one after another, each
   * only if the memory check still passes with it (one that doesn't is logged and left
   * unserved), and warms their pools. Resolves to the ids newly served.
   */
  async serveArrivals(): Promise<string[]> {
    const arrived: string[] = [];
    for (const key of (await this.#lookForImages()).built) {
      try {
        await this.#checkMemory([...this.#served, key]);
      } catch (error) {
        if (!(error instanceof MemoryOvercommitError)) throw error;
        this.options.logger.error(
          { language: key, err: error },
          `${key} is not served: ${error.message}`,
        );
        continue;
      }
      this.#served.add(key);
      arrived.push(key);
    }
    // A pool that can't warm now is still served: its first request starts a sandbox.
    const warmed = await Promise.allSettled(arrived.map((key) => this.get(key)?.warmup()));
    for (const [index, outcome] of warmed.entries()) {
      if (outcome.status === "rejected") {
        this.options.logger.warn(
          { language: arrived[index], err: outcome.reason },
          "a newly served language could not warm its pool",
        );
      }
    }
    return arrived;
  }

  /** Starts every served pool's minimum of sandboxes and waits for them. */
  async warmup(): Promise<void> {
    await Promise.all(this.#servedPools().map(({ pool }) => pool.warmup()));
  }

  /** The served language versions, each with the exact version its image reports. */
  async describe(): Promise<LanguageInfo[]> {
    const served = this.#servedPools();
    await Promise.all(served.map(({ pool }) => pool.learnVersion()));
    return served.map(({ spec, pool }) => ({
      id: spec.id,
      name: spec.name,
      version: pool.version ?? "unknown",
      default: this.#defaultOf(spec.id) === spec,
      aliases: [...spec.aliases],
      compiled: spec.compile !== undefined,
      defaultFile: spec.defaultFile,
      starter: spec.starter,
      highlight: spec.highlight,
      runtime: pool.sandboxRuntime,
    }));
  }

  /** True when every served pool holds its `min` of warm sandboxes. */
  get warm(): boolean {
    return this.#servedPools().every(({ pool }) => pool.warm);
  }

  stats(): EngineStats {
    return {
      queued: this.#admission.waiting,
      pools: [...this.#pools.values()].map(({ pool }) => pool.stats()),
    };
  }

  /** Serves every request already queued, then removes every pool's sandboxes. */
  async close(): Promise<void> {
    await Promise.all([...this.#pools.values()].map(({ pool }) => pool.close()));
  }

  #servedPools(): ServedPool[] {
    return [...this.#pools.entries()]
      .filter(([key]) => this.#served.has(key))
      .map(([, served]) => served);
  }

  /** The version a request without one gets: the newest served. */
  #defaultOf(id: string): LanguageSpec | undefined {
    return this.#servedPools().find(({ spec }) => spec.id === id)?.spec;
  }

  /** The configured languages not served yet, split by whether their image exists now. */
  async #lookForImages(): Promise<{ built: string[]; missing: string[] }> {
    const built: string[] = [];
    const missing: string[] = [];
    for (const [key, { pool }] of this.#pools) {
      if (this.#served.has(key)) continue;
      if (await this.options.runtime.imageExists(pool.image)) built.push(key);
      else missing.push(key);
    }
    return { built, missing };
  }

  /** Throws RuntimeNotRegisteredError when Docker can't run a configured language's sandboxes. */
  async #checkRuntimes(): Promise<void> {
    for (const runtime of new Set(this.options.runtimes.values())) {
      await this.options.runtime.checkRuntime(runtime);
    }
  }

  #checkMemory(keys: string[]): Promise<void> {
    const pools = keys.flatMap((key) => {
      const pool = this.get(key);
      return pool ? [{ language: key, ...pool.memoryCommitment() }] : [];
    });
    return checkMemoryCommitment(
      pools,
      this.options.maxSandboxes,
      this.options.runtime,
      this.options.logger,
    );
  }
}
