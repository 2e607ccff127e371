import { setTimeout as sleep } from "node:timers/promises";
import type { EngineStats, Logger } from "@warmbox/engine";
import { EngineError, OverloadedError } from "@warmbox/engine";
import { INTERNAL_ERROR_MESSAGE } from "../errors/to-http-error.js";
import type { ExecutionService } from "../execution/execution-service.js";
import type { SubmissionOutcome, SubmissionRecord, SubmissionWork } from "./submission-record.js";
import type { SubmissionStore } from "./submission-store.js";

/** How long a run the engine refused as overloaded waits before it asks again (lease held). */
const OVERLOADED_RETRY_MS = 250;

export interface SubmissionWorkerOptions {
  store: SubmissionStore;
  executions: ExecutionService;
  /** The engine's occupancy: no work is claimed while requests wait for a sandbox. */
  engineStats: () => EngineStats;
  /** Submissions this instance runs at once at most (the engine's `maxSandboxes`). */
  capacity: number;
  /** This server instance's id in the store's leases. */
  instanceId: string;
  leaseMs: number;
  /** How often the store is looked at for others' work and for expired leases. */
  pollMs: number;
  /** Called after this instance recorded a submission's outcome. */
  onDone: (record: SubmissionRecord) => void;
  logger: Logger;
}

interface ActiveRun {
  readonly controller: AbortController;
  readonly settled: Promise<void>;
}

/**
 * Runs queued submissions on this server's engine. It claims work (leased to this instance)
 * while it runs fewer than `capacity` and the engine has a free sandbox (no request waits in
 * its queue), so work stays in the store for another instance with room; runs each through
 * the execution service; renews its leases while they run; and records each outcome. Expired
 * leases (an instance that died) are recovered at start and on every poll.
 *
 * States: idle → started → stopping → stopped. `stop` claims nothing more and lets running
 * work finish until its deadline; what is still running then is killed and left unrecorded,
 * so its lease runs out and it is re-run (here after a restart, or on another instance).
 */
export class SubmissionWorker {
  readonly #options: SubmissionWorkerOptions;
  readonly #active = new Map<string, ActiveRun>();
  #state: "idle" | "started" | "stopping" | "stopped" = "idle";
  /** After this time (ms since epoch) a finishing run is no longer recorded: a stop killed it. */
  #abandonAfter = Number.POSITIVE_INFINITY;
  #pumping: Promise<void> | undefined;
  #pumpAgain = false;
  #timers: NodeJS.Timeout[] = [];

  constructor(options: SubmissionWorkerOptions) {
    this.#options = options;
  }

  /** Submissions running here now. */
  get runningCount(): number {
    return this.#active.size;
  }

  /** Recovers expired leases, then starts claiming, polling and renewing. */
  async start(): Promise<void> {
    if (this.#state !== "idle") return;
    this.#state = "started";
    await this.#recover();
    const { leaseMs, pollMs } = this.#options;
    this.#timers = [
      setInterval(() => void this.#poll(), pollMs),
      setInterval(() => void this.#renew(), Math.max(1, Math.floor(leaseMs / 3))),
    ];
    for (const timer of this.#timers) timer.unref();
    this.wake();
  }

  /** Looks for queued work now (a submission was just made here, or a run ended). */
  wake(): void {
    if (this.#state !== "started") return;
    if (this.#pumping) {
      this.#pumpAgain = true;
      return;
    }
    this.#pumping = this.#pump().finally(() => {
      this.#pumping = undefined;
      if (this.#pumpAgain) {
        this.#pumpAgain = false;
        this.wake();
      }
    });
  }

  /**
   * Kills the run of a submission that was deleted, if it runs here (its outcome has nowhere
   * to go).
   */
  cancel(id: string): void {
    this.#active.get(id)?.controller.abort(new Error("the submission was deleted"));
  }

  /**
   * Stops claiming and waits up to `timeoutMs` for running work; then kills what is left
   * without recording it (lease recovery re-runs it). Idempotent.
   */
  async stop(timeoutMs: number): Promise<void> {
    if (this.#state === "stopping" || this.#state === "stopped") return;
    this.#state = "stopping";
    this.#abandonAfter = Date.now() + timeoutMs;
    for (const timer of this.#timers) clearInterval(timer);
    await this.#pumping;
    const settled = Promise.all([...this.#active.values()].map((run) => run.settled));
    const renewing = setInterval(() => void this.#renew(), Math.max(1, this.#options.leaseMs / 3));
    const outcome = await Promise.race([settled, sleep(timeoutMs, "timeout" as const)]);
    if (outcome === "timeout") {
      for (const run of this.#active.values()) {
        run.controller.abort(new Error("the server is shutting down"));
      }
      await Promise.all([...this.#active.values()].map((run) => run.settled));
    }
    clearInterval(renewing);
    this.#state = "stopped";
  }

  /**
   * This instance runs fewer than its capacity and no request waits in the engine (for its
   * admission or in a pool at its `max`): more work would only wait here, held from instances
   * with room.
   */
  #hasRoom(): boolean {
    if (this.#active.size >= this.#options.capacity) return false;
    const stats = this.#options.engineStats();
    return stats.queued === 0 && stats.pools.every((pool) => pool.waiting === 0);
  }

  async #pump(): Promise<void> {
    const { store, instanceId, leaseMs, logger } = this.#options;
    try {
      while (this.#state === "started" && this.#hasRoom()) {
        const record = await store.claimNext(instanceId, new Date(Date.now() + leaseMs));
        if (record === undefined) return;
        this.#run(record);
        // Let the engine admit it before judging whether there is room for one more.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      logger.error({ err: error }, "claiming submissions failed");
    }
  }

  async #poll(): Promise<void> {
    await this.#recover();
    this.wake();
  }

  async #recover(): Promise<void> {
    try {
      const { requeued, failed } = await this.#options.store.recoverExpired(new Date());
      if (requeued + failed > 0) {
        this.#options.logger.warn(
          { requeued, failed },
          "recovered submissions whose server stopped while running them",
        );
      }
    } catch (error) {
      this.#options.logger.error({ err: error }, "recovering expired submissions failed");
    }
  }

  async #renew(): Promise<void> {
    if (this.#active.size === 0) return;
    const { store, instanceId, leaseMs, logger } = this.#options;
    try {
      await store.renewLeases(instanceId, new Date(Date.now() + leaseMs));
    } catch (error) {
      logger.error({ err: error }, "renewing submission leases failed");
    }
  }

  #run(record: SubmissionRecord): void {
    const controller = new AbortController();
    const settled = this.#perform(record, controller.signal)
      .catch((error: unknown) => {
        this.#options.logger.error({ submission: record.id, err: error }, "submission run failed");
      })
      .finally(() => {
        this.#active.delete(record.id);
        this.wake();
      });
    this.#active.set(record.id, { controller, settled });
  }

  async #perform(record: SubmissionRecord, signal: AbortSignal): Promise<void> {
    const { store, instanceId, logger, onDone } = this.#options;
    let outcome: SubmissionOutcome;
    try {
      outcome = await this.#execute(record.work, signal);
    } catch (error) {
      // Refused or killed because this server is stopping: not the work's fault; re-run later.
      if (this.#state !== "started") return;
      outcome = failureOutcome(error);
      if (outcome.kind === "error" && outcome.error.code === "internal_error") {
        logger.error({ submission: record.id, err: error }, "submission failed");
      }
    }
    // Killed by a stop (or deleted): not its outcome. Its lease runs out and it is re-run.
    if (signal.aborted || Date.now() >= this.#abandonAfter) return;
    if (await store.complete(instanceId, record.id, outcome)) onDone(record);
  }

  /** Runs the work, asking again while the engine is overloaded (the lease is held meanwhile). */
  async #execute(work: SubmissionWork, signal: AbortSignal): Promise<SubmissionOutcome> {
    const { executions } = this.#options;
    while (true) {
      try {
        if (work.kind === "execute") {
          return { kind: "execute", result: await executions.execute(work.request, { signal }) };
        }
        return { kind: "judge", result: await executions.judge(work.request, { signal }) };
      } catch (error) {
        if (!OverloadedError.isInstance(error) || signal.aborted) throw error;
        await sleep(OVERLOADED_RETRY_MS, undefined, { signal });
      }
    }
  }
}

/** The outcome of work the engine refused or failed: its typed error, or an internal error. */
function failureOutcome(error: unknown): SubmissionOutcome {
  if (EngineError.isInstance(error)) {
    return { kind: "error", error: { code: error.code, message: error.message } };
  }
  return { kind: "error", error: { code: "internal_error", message: INTERNAL_ERROR_MESSAGE } };
}
