import type {
  Engine,
  ExecuteOptions,
  ExecuteRequest,
  ExecuteResult,
  JudgeOptions,
  JudgeRequest,
  JudgeResult,
  Logger,
} from "@warmbox/engine";
import { AbortedError, EngineError } from "@warmbox/engine";
import { HttpError, shuttingDownError } from "../errors/http-error.js";
import type { ServerMetrics } from "../metrics/server-metrics.js";

interface ActiveRun {
  controller: AbortController;
  settled: Promise<void>;
}

/**
 * Every execution of the server goes through here, whatever its transport (JSON, SSE,
 * WebSocket, Piston) and whatever its kind (a run, a batch of runs, a judge): it counts them in
 * the metrics, keeps track of the running ones, and drains them on shutdown (waits up to a
 * deadline, then kills what is left).
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
  execute(request: unknown, options: ExecuteOptions = {}): Promise<ExecuteResult> {
    return this.#track(options.signal, async (signal) => {
      let startedAt: number | undefined;
      let queuedMs: number | undefined;
      const result = await this.engine.execute(request as ExecuteRequest, {
        ...options,
        signal,
        onStart: (info) => {
          startedAt = performance.now();
          queuedMs = info.queuedMs;
          options.onStart?.(info);
        },
      });
      const runMs = startedAt === undefined ? undefined : performance.now() - startedAt;
      this.metrics.recordResult(result, { queuedMs, runMs });
      return result;
    });
  }

  /**
   * Runs independent requests, each its own `execute()` (validated, counted and drained like a
   * single one), at most `parallelism` at once. Resolves, in request order, to each one's result
   * or the error it got; never rejects. Aborting `options.signal` ends them all.
   */
  async executeBatch(
    requests: readonly unknown[],
    options: { parallelism: number; signal?: AbortSignal },
  ): Promise<PromiseSettledResult<ExecuteResult>[]> {
    const outcomes: PromiseSettledResult<ExecuteResult>[] = [];
    let next = 0;
    const worker = async () => {
      while (next < requests.length) {
        const index = next++;
        outcomes[index] = await this.execute(requests[index], { signal: options.signal }).then(
          (value) => ({ status: "fulfilled", value }),
          (reason: unknown) => ({ status: "rejected", reason }),
        );
      }
    };
    const workers = Math.max(1, Math.min(options.parallelism, requests.length));
    await Promise.all(Array.from({ length: workers }, worker));
    return outcomes;
  }

  /**
   * Judges a submission on the engine (`engine.judge`): validated there like `execute()`,
   * counted in the metrics and drained on shutdown. Aborting `options.signal` stops it: its
   * running tests are killed and it rejects with AbortedError (a drain's kill: 503 `unavailable`).
   */
  judge(request: unknown, options: JudgeOptions = {}): Promise<JudgeResult> {
    return this.#track(options.signal, async (signal) => {
      const result = await this.engine.judge(request as JudgeRequest, { ...options, signal });
      this.metrics.recordJudge(result);
      return result;
    });
  }

  /**
   * Stops taking work and waits for running executions for up to `timeoutMs`; then kills the
   * rest and waits for them to settle. A killed run still gets its result; a killed judge (or a
   * run killed before it started) is answered 503 `unavailable`, to be retried elsewhere.
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

  /**
   * Runs `work` as one tracked execution: refused while draining, killed by the drain's deadline
   * (through the signal it gets, which the caller's `signal` aborts too), its error counted.
   */
  async #track<T>(
    callerSignal: AbortSignal | undefined,
    work: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    if (this.#draining) {
      this.metrics.recordRejection("unavailable");
      throw shuttingDownError();
    }
    // The caller's abort is forwarded to the run's own controller (AbortSignal.any costs about
    // ten times as much per run in Node 20).
    const controller = new AbortController();
    const forwardAbort = () => controller.abort(callerSignal?.reason);
    if (callerSignal?.aborted) forwardAbort();
    else callerSignal?.addEventListener("abort", forwardAbort, { once: true });
    const running = work(controller.signal);
    const entry: ActiveRun = { controller, settled: running.then(noop, noop) };
    this.#active.add(entry);
    try {
      return await running;
    } catch (caught) {
      // Killed by the shutdown deadline before it had a result (still queued, or a judge), its
      // client still there: the server's doing, and the client may retry on another task.
      const killedByDrain =
        controller.signal.aborted && !callerSignal?.aborted && AbortedError.isInstance(caught);
      const error = killedByDrain ? shuttingDownError() : caught;
      this.metrics.recordRejection(
        EngineError.isInstance(error) || HttpError.isInstance(error)
          ? error.code
          : "internal_error",
      );
      throw error;
    } finally {
      callerSignal?.removeEventListener("abort", forwardAbort);
      this.#active.delete(entry);
    }
  }

  async #allSettled(): Promise<void> {
    while (this.#active.size > 0) {
      await Promise.all([...this.#active].map((run) => run.settled));
    }
  }
}

function noop(): void {}
