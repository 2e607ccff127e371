import type {
  Engine,
  ExecuteOptions,
  ExecuteRequest,
  ExecuteResult,
  Logger,
} from "@warmbox/engine";
import { AbortedError, EngineError } from "@warmbox/engine";
import { shuttingDownError } from "../errors/http-error.js";
import type { ServerMetrics } from "../metrics/server-metrics.js";

interface ActiveRun {
  controller: AbortController;
  settled: Promise<void>;
}

/**
 * Every execution of the server goes through here, whatever its transport (JSON, SSE,
 * WebSocket, Piston): it counts them in the metrics, keeps track of the running ones, and
 * drains them on shutdown (waits up to a deadline, then kills what is left).
 */
export class ExecutionService {
  readonly #active = new Set<ActiveRun>();
  #draining = false;

  constructor(
    private readonly engine: Engine,
    private readonly metrics: ServerMetrics,
    private readonly logger: Logger,
  ) {}

  /** Executions running or waiting for a sandbox. */
  get activeCount(): number {
    return this.#active.size;
  }

  /**
   * Runs a request on the engine. The request is whatever the client sent: the engine validates
   * it (the one validation it gets) and rejects a bad one with InvalidRequestError naming its
   * fields (`files[0].name`), answered as 400 `invalid_request`. Aborting `options.signal` (a
   * client that went away, a kill) kills the run; a draining server refuses new work with 503
   * `unavailable`.
   */
  async execute(request: unknown, options: ExecuteOptions = {}): Promise<ExecuteResult> {
    if (this.#draining) {
      this.metrics.recordRejection("unavailable");
      throw shuttingDownError();
    }
    const controller = new AbortController();
    const signal = options.signal
      ? AbortSignal.any([options.signal, controller.signal])
      : controller.signal;
    let startedAt: number | undefined;
    let queuedMs: number | undefined;
    const running = this.engine.execute(request as ExecuteRequest, {
      ...options,
      signal,
      onStart: (info) => {
        startedAt = performance.now();
        queuedMs = info.queuedMs;
        options.onStart?.(info);
      },
    });
    const entry: ActiveRun = { controller, settled: running.then(noop, noop) };
    this.#active.add(entry);
    try {
      const result = await running;
      const runMs = startedAt === undefined ? undefined : performance.now() - startedAt;
      this.metrics.recordResult(result, { queuedMs, runMs });
      return result;
    } catch (error) {
      // Still waiting for a sandbox when the shutdown deadline passed: the server's doing, and
      // the client (still there) may retry elsewhere.
      if (controller.signal.aborted && !options.signal?.aborted && AbortedError.isInstance(error)) {
        this.metrics.recordRejection("unavailable");
        throw shuttingDownError();
      }
      this.metrics.recordRejection(EngineError.isInstance(error) ? error.code : "internal_error");
      throw error;
    } finally {
      this.#active.delete(entry);
    }
  }

  /**
   * Stops taking work and waits for running executions for up to `timeoutMs`; then kills the
   * rest (each still gets its result) and waits for them to settle.
   */
  async drain(timeoutMs: number): Promise<void> {
    this.#draining = true;
    if (this.#active.size === 0) return;
    this.logger.info({ running: this.#active.size, timeoutMs }, "waiting for running executions");
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), timeoutMs);
    });
    const outcome = await Promise.race([this.#allSettled(), deadline]);
    clearTimeout(timer);
    if (outcome === "timeout" && this.#active.size > 0) {
      this.logger.warn(
        { running: this.#active.size },
        "shutdown deadline passed; killing executions",
      );
      for (const run of this.#active)
        run.controller.abort(new Error("the server is shutting down"));
      await this.#allSettled();
    }
  }

  get draining(): boolean {
    return this.#draining;
  }

  async #allSettled(): Promise<void> {
    while (this.#active.size > 0) {
      await Promise.all([...this.#active].map((run) => run.settled));
    }
  }
}

function noop(): void {}
