import type { Logger, PoolStats } from "../engine/engine-types.js";
import { EngineClosedError } from "../errors/engine-errors.js";
import { languageVersion } from "../languages/language-version.js";
import type { ContainerResources } from "../request/limits.js";
import type { ContainerRuntime } from "../sandbox/container-runtime.js";
import { Sandbox } from "../sandbox/sandbox.js";
import type { SandboxRuntime } from "../sandbox/sandbox-runtime.js";
import type { AdmissionLane, AdmissionQueue, ReleasePlace } from "./admission-queue.js";

/** Where a runner image records its toolchain's version (see images/runner-base). */
const VERSION_FILE = "/etc/warmbox/version";

/** After a failed background start (Docker away), the pool tries to refill again this much later. */
const REFILL_RETRY_MS = 2_000;

export interface SandboxPoolOptions {
  language: string;
  image: string;
  /** Resources of the containers kept warm: the language's default limits. */
  resources: ContainerResources;
  labels: Record<string, string>;
  /** The OCI runtime its sandboxes run with. */
  sandboxRuntime: SandboxRuntime;
  min: number;
  /** Most sandboxes of the pool at once, leased or being wiped; requests beyond wait. */
  max: number;
  idleTimeoutMs: number;
  /** The engine's queue, shared by its pools: `maxSandboxes` and `maxQueue` hold across them. */
  admission: AdmissionQueue;
  runtime: ContainerRuntime;
  logger: Logger;
}

export interface AcquireOptions {
  /** The cgroup resources the sandbox must have. */
  resources: ContainerResources;
  /** Aborting while the request waits for a place takes it out of the queue at once. */
  signal?: AbortSignal;
}

/**
 * Warm sandboxes of one language. It keeps `min` started ahead of demand, grows up to `max`
 * under load, and lets sandboxes above `min` go after `idleTimeoutMs` unused. `acquire` admits
 * at most `max` requests at once (and the engine's queue at most `maxSandboxes` across pools);
 * the rest wait in that queue. A sandbox comes back only through `release`, which wipes it
 * (proven clean) or destroys it, and only then is its place free for the next request.
 */
export class SandboxPool {
  readonly #idle: Array<{ sandbox: Sandbox; since: number }> = [];
  /** Admitted requests waiting for a sandbox that is starting in the background. */
  readonly #awaitingStart: Array<(sandbox: Sandbox | undefined) => void> = [];
  readonly #lane: AdmissionLane;
  /** The place each leased sandbox holds in the queue, given back once it is released. */
  readonly #places = new Map<Sandbox, ReleasePlace>();
  readonly #logger: Logger;
  #busy = 0;
  #starting = 0;
  /** `close()` was called: no new request is taken. */
  #closing = false;
  /** Every request is served and the sandboxes are going: nothing starts any more. */
  #closed = false;
  #version: string | undefined;
  readonly #shrinkTimer: NodeJS.Timeout;
  #refillTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: SandboxPoolOptions) {
    this.#logger = options.logger.child({ pool: options.language });
    this.#lane = options.admission.lane(options.max);
    this.#shrinkTimer = setInterval(
      () => this.#shrink(),
      Math.max(1_000, options.idleTimeoutMs / 2),
    );
    this.#shrinkTimer.unref();
  }

  get language(): string {
    return this.options.language;
  }

  /** The runner image its sandboxes start from. */
  get image(): string {
    return this.options.image;
  }

  /** Most sandboxes of the pool at once: the most requests it serves at once. */
  get max(): number {
    return this.options.max;
  }

  /** The OCI runtime its sandboxes run with. */
  get sandboxRuntime(): SandboxRuntime {
    return this.options.sandboxRuntime;
  }

  /** The toolchain version the image reports; known once a sandbox has started. */
  get version(): string | undefined {
    return this.#version;
  }

  stats(): PoolStats {
    return {
      language: this.options.language,
      idle: this.#idle.length,
      busy: this.#busy,
      starting: this.#starting,
      waiting: this.#lane.waiting,
    };
  }

  /** Most sandboxes of the pool and the memory limit of each (MiB), for the start-up check. */
  memoryCommitment(): { max: number; memoryMb: number } {
    return { max: this.options.max, memoryMb: this.options.resources.memoryMb };
  }

  /** True when at least `min` sandboxes are warm and idle or serving. */
  get warm(): boolean {
    return this.#idle.length + this.#busy >= this.options.min;
  }

  /** Starts sandboxes up to `min` and waits for them. */
  async warmup(): Promise<void> {
    const missing = this.options.min - (this.#idle.length + this.#starting + this.#busy);
    const starts = Array.from({ length: Math.max(0, missing) }, () => this.#startInBackground());
    await Promise.all(starts);
    await this.learnVersion();
  }

  /**
   * Learns the toolchain version from the image itself when no sandbox has told it yet, so a
   * pool of min 0 lists its version without starting a container.
   */
  async learnVersion(): Promise<string> {
    this.#version ??= languageVersion(
      await this.options.runtime.readImageFile(this.options.image, VERSION_FILE),
      this.options.language,
    );
    return this.#version;
  }

  /**
   * A clean sandbox with the given cgroup resources, leased to the caller, who must `release`
   * it. Waits in the engine's queue while `max` sandboxes of the pool (or `maxSandboxes` of the
   * engine) are out. Rejects with OverloadedError when the queue is full, AbortedError when
   * `signal` aborts while waiting, EngineClosedError once the pool is closing; any other error
   * is Docker's, failing to start a sandbox.
   */
  async acquire(options: AcquireOptions): Promise<Sandbox> {
    if (this.#closing) throw new EngineClosedError();
    const releasePlace = await this.#lane.admit(options.signal);
    this.#busy++;
    try {
      let sandbox = this.#idle.pop()?.sandbox;
      if (!sandbox && this.#starting > this.#awaitingStart.length) {
        sandbox = await new Promise<Sandbox | undefined>((resolve) =>
          this.#awaitingStart.push(resolve),
        );
      }
      sandbox ??= await this.#start(options.resources);
      sandbox = await this.#fit(sandbox, options.resources);
      sandbox.lease();
      this.#places.set(sandbox, releasePlace);
      this.#refill();
      return sandbox;
    } catch (error) {
      this.#busy--;
      releasePlace();
      this.#refill();
      throw error;
    }
  }

  /** Takes a sandbox back: wiped and kept when `reusable`, else destroyed. */
  async release(sandbox: Sandbox, reusable: boolean): Promise<void> {
    try {
      if (reusable && !this.#closed) {
        try {
          await sandbox.wipe();
          if (!this.#closed) {
            this.#offer(sandbox);
            return;
          }
        } catch (error) {
          this.#logger.warn(
            { sandbox: sandbox.id, err: error },
            "wipe failed; destroying the sandbox",
          );
        }
      }
      await this.#destroy(sandbox);
    } finally {
      this.#busy--;
      this.#places.get(sandbox)?.();
      this.#places.delete(sandbox);
      this.#refill();
    }
  }

  /**
   * Takes no new request, serves those already waiting, and once every sandbox is back
   * destroys them all and stops refilling. Idempotent.
   */
  async close(): Promise<void> {
    this.#closing = true;
    await this.#lane.idle();
    this.#closed = true;
    clearInterval(this.#shrinkTimer);
    clearTimeout(this.#refillTimer);
    for (const waiter of this.#awaitingStart.splice(0)) waiter(undefined);
    await Promise.all(this.#idle.splice(0).map(({ sandbox }) => this.#destroy(sandbox)));
  }

  /** Changes a sandbox's cgroup limits to the request's, or swaps it for a fresh one. */
  async #fit(sandbox: Sandbox, resources: ContainerResources): Promise<Sandbox> {
    if (sandbox.state !== "idle" || sandbox.broken) {
      await this.#destroy(sandbox);
      return this.#start(resources);
    }
    // The network is the container's own from its start: only a fresh sandbox changes it.
    if (sandbox.resources.network === resources.network) {
      try {
        await sandbox.resize(resources);
        return sandbox;
      } catch (error) {
        this.#logger.debug(
          { sandbox: sandbox.id, err: error },
          "update failed; starting a fresh sandbox",
        );
      }
    }
    await this.#destroy(sandbox);
    return this.#start(resources);
  }

  async #start(resources: ContainerResources): Promise<Sandbox> {
    if (this.#closed) throw new EngineClosedError();
    const sandbox = await Sandbox.start(
      this.options.runtime,
      {
        image: this.options.image,
        resources,
        labels: this.options.labels,
        runtime: this.options.sandboxRuntime,
      },
      { language: this.options.language, logger: this.#logger },
    );
    this.#version ??= sandbox.version;
    // A warm sandbox killed from outside (or by a Docker restart) must not serve a job.
    sandbox.onBroken(() => this.#dropIfIdle(sandbox));
    this.#logger.debug({ sandbox: sandbox.id }, "sandbox started");
    return sandbox;
  }

  #startInBackground(): Promise<void> {
    this.#starting++;
    return this.#start(this.options.resources).then(
      (sandbox) => {
        this.#starting--;
        this.#offer(sandbox);
      },
      (error: unknown) => {
        this.#starting--;
        // Wake one waiter so it starts a sandbox itself (and meets the error, if it persists).
        this.#awaitingStart.shift()?.(undefined);
        if (!this.#closed) {
          this.#logger.error({ err: error }, "starting a warm sandbox failed");
          this.#refillLater();
        }
      },
    );
  }

  /** Hands a clean sandbox to the first waiter, or keeps it idle. */
  #offer(sandbox: Sandbox): void {
    if (this.#closed) {
      void this.#destroy(sandbox);
      return;
    }
    const waiter = this.#awaitingStart.shift();
    if (waiter) waiter(sandbox);
    else this.#idle.push({ sandbox, since: Date.now() });
  }

  /** Keeps `min` sandboxes idle or starting, without passing `max` in all. */
  #refill(): void {
    if (this.#closing) return;
    const total = () => this.#idle.length + this.#starting + this.#busy;
    while (this.#idle.length + this.#starting < this.options.min && total() < this.options.max) {
      void this.#startInBackground();
    }
  }

  #refillLater(): void {
    if (this.#refillTimer || this.#closed) return;
    this.#refillTimer = setTimeout(() => {
      this.#refillTimer = undefined;
      this.#refill();
    }, REFILL_RETRY_MS);
    this.#refillTimer.unref();
  }

  /** Removes a sandbox that broke while idle, and starts a replacement. */
  #dropIfIdle(sandbox: Sandbox): void {
    const at = this.#idle.findIndex((entry) => entry.sandbox === sandbox);
    if (at < 0) return;
    this.#idle.splice(at, 1);
    void this.#destroy(sandbox);
    this.#refill();
  }

  #shrink(): void {
    const cutoff = Date.now() - this.options.idleTimeoutMs;
    while (
      this.#idle.length > this.options.min &&
      (this.#idle[0]?.since ?? Number.POSITIVE_INFINITY) < cutoff
    ) {
      const oldest = this.#idle.shift();
      if (oldest) void this.#destroy(oldest.sandbox);
    }
  }

  async #destroy(sandbox: Sandbox): Promise<void> {
    try {
      await sandbox.destroy();
    } catch (error) {
      this.#logger.warn({ sandbox: sandbox.id, err: error }, "removing a sandbox failed");
    }
  }
}
