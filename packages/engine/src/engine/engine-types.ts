import type Dockerode from "dockerode";
import type { ExecuteRequest } from "../request/execute-request.js";
import type { ExecuteResult, LanguageInfo, StageResult } from "../request/execute-result.js";
import type { PartialLimits } from "../request/limits.js";

/** A pino-compatible logger; the engine logs ids and outcomes, never user code or output. */
export interface Logger {
  child(bindings: Record<string, unknown>): Logger;
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** How many warm sandboxes a language keeps. */
export interface PoolOptions {
  /** Sandboxes kept warm even when idle. @default 1 */
  min?: number;
  /** Most sandboxes at once; requests beyond wait in the queue. @default 4 */
  max?: number;
  /** An idle sandbox above `min` is removed after this long. @default 60000 */
  idleTimeoutMs?: number;
}

export interface EngineOptions {
  /**
   * The Docker daemon: a dockerode instance, or dockerode's connection options.
   * @default the local daemon (dockerode's defaults: DOCKER_HOST or /var/run/docker.sock)
   */
  docker?: Dockerode | Dockerode.DockerOptions;
  /** Ids of the languages to serve. @default every registered language */
  languages?: string[];
  /** Pool sizes for every language, overridable per language id. */
  pool?: PoolOptions & { perLanguage?: Record<string, PoolOptions> };
  /** Run-stage limits used where neither the request nor the language sets one. */
  defaultLimits?: PartialLimits;
  /** Compile-stage limits used where neither the request nor the language sets one. */
  defaultCompileLimits?: PartialLimits;
  /**
   * The Docker network that sandboxes join when a request may use the network (`limits.network`,
   * allowed by `maxLimits.network`). The engine makes it at start (a bridge with inter-container
   * traffic off) and installs iptables rules for it (as root on the Docker host): a sandbox then
   * reaches the internet but not the host, the server, other sandboxes, private ranges or the
   * cloud metadata service. Where that can't be done, requests with `network: true` are refused
   * with EngineUnavailableError saying why. A network of this name not made by the engine is
   * refused too.
   * @default "warmbox-sandbox"
   */
  sandboxNetwork?: string;
  /** The most any request may ask for; above it a request is rejected (never clamped). */
  maxLimits?: PartialLimits;
  /** Requests allowed to wait for a sandbox; one more gets OverloadedError. @default 64 */
  maxQueue?: number;
  /**
   * Most sandboxes running jobs at once, across all languages (each language also keeps to its
   * `pool.max`). It bounds the memory the sandboxes may take together: at start the engine
   * refuses (MemoryOvercommitError) when that could exceed the Docker host's memory, and warns
   * above 80 % of it (memory per sandbox: its language's default `memoryMb`). At least 1.
   * @default 16
   */
  maxSandboxes?: number;
  /**
   * Output (stdout + stderr, compile + run) that all runs in flight may buffer together, in
   * bytes. Each run reserves its caps (`outputBytes` × 2 streams × its stages) before it
   * starts and waits while they don't fit. Must hold one run at `maxLimits.outputBytes`; at
   * least 65536. @default 134217728 (128 MiB)
   */
  maxBufferedOutputBytes?: number;
  /** pino-compatible logger. @default silent */
  logger?: Logger;
  /**
   * This engine is the only Warmbox engine on its Docker daemon (one server per host, as with
   * docker compose or ECS): at start it removes every Warmbox container, whoever left it. Without
   * it, only containers of dead engines of this host (by hostname and pid) are removed, which
   * misses those of a crashed engine that ran in another container. @default false
   */
  exclusiveDaemon?: boolean;
  /** Label value that tells this engine's containers apart from another engine's. @default random */
  engineId?: string;
}

export interface ExecuteOptions {
  /** Aborting kills the run (its result then has status "runtime_error" with signal SIGKILL and a message). */
  signal?: AbortSignal;
  /** Chunks of the run stage's stdout as the program writes them. */
  onStdout?: (chunk: string) => void;
  /** Chunks of the run stage's stderr as the program writes them. */
  onStderr?: (chunk: string) => void;
  /** The compile stage's result, as soon as it is known (compiled languages only). */
  onCompile?: (stage: StageResult) => void;
  /** Called once a sandbox is leased and the run starts, with the time spent waiting in the queue. */
  onStart?: (info: { queuedMs: number }) => void;
  /**
   * Interactive stdin: chunks sent to the running program as they come; the program's stdin
   * closes when the iterable ends. `request.stdin`, if any, is sent first.
   */
  stdin?: AsyncIterable<string>;
}

export interface PoolStats {
  language: string;
  idle: number;
  busy: number;
  starting: number;
  waiting: number;
}

export interface EngineStats {
  /** Requests waiting for a sandbox, all languages. */
  queued: number;
  pools: PoolStats[];
}

export interface EngineHealth {
  /** The Docker daemon answers. */
  docker: boolean;
  /** Every pool holds at least its `min` warm sandboxes. */
  warm: boolean;
}

/** A running engine. Close it when done (or `await using engine = createEngine()`). */
export interface Engine extends AsyncDisposable {
  /** Runs a program and resolves with what it did; throws only for bad requests and engine faults. */
  execute(request: ExecuteRequest, options?: ExecuteOptions): Promise<ExecuteResult>;
  /** The languages served, with the exact version each image reports. */
  languages(): Promise<LanguageInfo[]>;
  /**
   * Looks again for the runner images of configured languages not served yet (built since the
   * engine started), serves those now present and warms their pools. Resolves to their ids.
   * One whose pool would take the sandboxes past the Docker host's memory (the check made at
   * start) is not served, and the engine logs why.
   */
  refreshImages(): Promise<string[]>;
  /** Starts every pool's minimum of sandboxes and waits until they are ready. */
  warmup(options?: { signal?: AbortSignal }): Promise<void>;
  /** Queue depth and pool occupancy, for metrics. */
  stats(): EngineStats;
  /** Whether Docker answers and the pools are warm, for readiness probes. */
  health(): Promise<EngineHealth>;
  /** Stops taking work, waits for running executions, removes every container. Idempotent. */
  close(): Promise<void>;
}
