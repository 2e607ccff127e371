import { randomUUID } from "node:crypto";
import type { Engine, Logger } from "@warmbox/engine";
import { defaultMaxUnfinishedPerKey, type ServerConfig } from "../config/config-schema.js";
import type { ExecutionService } from "../execution/execution-service.js";
import type { LanguageCatalog } from "../execution/language-catalog.js";
import { CallbackDelivery } from "./callback-delivery.js";
import { callbackSecret } from "./data-dir.js";
import { SubmissionService } from "./submission-service.js";
import type { SubmissionStore } from "./submission-store.js";
import { SubmissionWorker } from "./submission-worker.js";

/** How often finished submissions past their retention are deleted: hourly. */
const RETENTION_SWEEP_MS = 3_600_000;
/** How often pending callbacks left by a stopped instance are looked for. */
const CALLBACK_SWEEP_MS = 30_000;

export interface SubmissionsOptions {
  config: ServerConfig;
  /** The data directory (created), for the generated callback secret. */
  dataDir: string;
  /** An open store, migrated; closed by `close()`. */
  store: SubmissionStore;
  engine: Engine;
  executions: ExecutionService;
  catalog: LanguageCatalog;
  logger: Logger;
}

/**
 * The submissions of one server instance: the service the routes use, the worker that runs
 * queued work on this engine, the callback delivery and the retention sweep, over one store.
 * Lifecycle: made → `start()` (once the engine is warm) → `stop(ms)` (drain) → `close()`.
 */
export class Submissions {
  readonly service: SubmissionService;
  readonly #worker: SubmissionWorker;
  readonly #callbacks: CallbackDelivery;
  readonly #store: SubmissionStore;
  readonly #retentionMs: number;
  readonly #logger: Logger;
  #timers: NodeJS.Timeout[] = [];
  #closing: Promise<void> | undefined;

  constructor({ config, dataDir, store, engine, executions, catalog, logger }: SubmissionsOptions) {
    this.#store = store;
    this.#logger = logger;
    this.#retentionMs = config.submissionRetentionHours * 3_600_000;
    if (config.databaseUrl !== undefined && config.callbackSecret === undefined) {
      logger.warn(
        {},
        "WARMBOX_CALLBACK_SECRET is not set: this instance signs callbacks with a secret of its own data directory; instances sharing a database need one secret",
      );
    }
    const serverSecret = callbackSecret(config.callbackSecret, dataDir);
    this.#callbacks = new CallbackDelivery({
      store,
      secretOf: (owner) => this.service.callbackSecret(owner),
      allowPrivate: config.allowPrivateCallbacks,
      formatOf: (record) => this.service.callbackFormatOf(record),
      logger,
    });
    this.#worker = new SubmissionWorker({
      store,
      executions,
      engineStats: () => engine.stats(),
      capacity: config.maxSandboxes,
      instanceId: randomUUID(),
      leaseMs: config.submissionLeaseMs,
      pollMs: config.submissionPollMs,
      logger,
      onDone: (record) => {
        this.service.notifyFinished(record.id);
        if (record.callbackUrl !== undefined) void this.#deliverCallback(record.owner, record.id);
      },
    });
    this.service = new SubmissionService({
      store,
      servedLanguages: async () => (await catalog.list()).map((language) => language.id),
      allowPrivateCallbacks: config.allowPrivateCallbacks,
      maxUnfinishedPerOwner:
        config.maxUnfinishedPerKey ?? defaultMaxUnfinishedPerKey(config.maxQueue),
      maxStoredPerOwner: config.maxStoredPerKey,
      callbackSecret: serverSecret,
      pollMs: config.submissionPollMs,
      onSubmitted: () => this.#worker.wake(),
      onDeleted: (id) => this.#worker.cancel(id),
    });
  }

  /** Starts running queued work (recovering what a stopped instance left), sweeps and callbacks. */
  async start(): Promise<void> {
    await this.#worker.start();
    void this.#sweepRetention();
    void this.#callbacks.sweep();
    this.#timers = [
      setInterval(() => void this.#sweepRetention(), RETENTION_SWEEP_MS),
      setInterval(() => void this.#callbacks.sweep(), CALLBACK_SWEEP_MS),
    ];
    for (const timer of this.#timers) timer.unref();
  }

  /**
   * Claims no more work and lets running work finish for up to `timeoutMs`; what is left is
   * killed and re-run later through lease recovery.
   */
  async stop(timeoutMs: number): Promise<void> {
    for (const timer of this.#timers) clearInterval(timer);
    await this.#worker.stop(timeoutMs);
  }

  /** Stops (at once, if `stop` was not called), ends callback tries, closes the store. Idempotent. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      await this.stop(0);
      await this.#callbacks.close();
      await this.#store.close();
    })();
    return this.#closing;
  }

  async #deliverCallback(owner: string, id: string): Promise<void> {
    try {
      const record = await this.#store.get(owner, id);
      if (record !== undefined) this.#callbacks.deliver(record);
    } catch (error) {
      this.#logger.error({ submission: id, err: error }, "reading a finished submission failed");
    }
  }

  async #sweepRetention(): Promise<void> {
    try {
      const deleted = await this.#store.deleteFinishedBefore(
        new Date(Date.now() - this.#retentionMs),
      );
      if (deleted > 0) this.#logger.info({ deleted }, "deleted submissions past their retention");
    } catch (error) {
      this.#logger.error({ err: error }, "the retention sweep failed");
    }
  }
}
