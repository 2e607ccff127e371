import type { Engine, ExecuteResult, JudgeResult } from "@warmbox/engine";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/** Buckets of execution time: warm hello-worlds take ~10 ms, limits end runs at seconds. */
const EXECUTION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** Buckets of queue wait: zero when a sandbox is idle, up to seconds under load. */
const QUEUE_BUCKETS = [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** Buckets of HTTP handling time. */
const HTTP_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * The server's Prometheus metrics, in a registry of its own (two servers can share a process).
 * Labels carry only bounded values: canonical language ids, statuses, codes, route patterns.
 */
export class ServerMetrics {
  readonly registry = new Registry();
  readonly #executions: Counter<"language" | "status">;
  readonly #rejections: Counter<"code">;
  readonly #judges: Counter<"language" | "verdict">;
  readonly #judgeTests: Counter<"language" | "verdict">;
  readonly #executionSeconds: Histogram<"language" | "status">;
  readonly #queueWaitSeconds: Histogram<"language">;
  readonly #httpRequests: Counter<"method" | "route" | "status_code">;
  readonly #httpSeconds: Histogram<"method" | "route">;

  constructor(engine: Engine) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.#executions = new Counter({
      name: "warmbox_executions_total",
      help: "Executions that produced a result, by language and status.",
      labelNames: ["language", "status"],
      registers,
    });
    this.#rejections = new Counter({
      name: "warmbox_execution_rejections_total",
      help: "Execution requests that got no result, by error code (overloaded, invalid_request, ...).",
      labelNames: ["code"],
      registers,
    });
    this.#judges = new Counter({
      name: "warmbox_judges_total",
      help: "Judged submissions, by language and overall verdict.",
      labelNames: ["language", "verdict"],
      registers,
    });
    this.#judgeTests = new Counter({
      name: "warmbox_judge_tests_total",
      help: "Tests of judged submissions, by language and verdict (skipped included).",
      labelNames: ["language", "verdict"],
      registers,
    });
    this.#executionSeconds = new Histogram({
      name: "warmbox_execution_duration_seconds",
      help: "Time from leasing a sandbox to the result, by language and status.",
      labelNames: ["language", "status"],
      buckets: EXECUTION_BUCKETS,
      registers,
    });
    this.#queueWaitSeconds = new Histogram({
      name: "warmbox_queue_wait_seconds",
      help: "Time an execution waited in the queue for a sandbox, by language.",
      labelNames: ["language"],
      buckets: QUEUE_BUCKETS,
      registers,
    });
    this.#httpRequests = new Counter({
      name: "warmbox_http_requests_total",
      help: "HTTP requests answered, by method, route pattern and status code.",
      labelNames: ["method", "route", "status_code"],
      registers,
    });
    this.#httpSeconds = new Histogram({
      name: "warmbox_http_request_duration_seconds",
      help: "Time to answer an HTTP request, by method and route pattern.",
      labelNames: ["method", "route"],
      buckets: HTTP_BUCKETS,
      registers,
    });
    new Gauge({
      name: "warmbox_queue_depth",
      help: "Executions waiting for a sandbox, all languages.",
      registers,
      collect() {
        this.set(engine.stats().queued);
      },
    });
    new Gauge({
      name: "warmbox_pool_sandboxes",
      help: "Sandboxes of each language's pool, by state (idle, busy, starting).",
      labelNames: ["language", "state"],
      registers,
      collect() {
        this.reset();
        for (const pool of engine.stats().pools) {
          this.set({ language: pool.language, state: "idle" }, pool.idle);
          this.set({ language: pool.language, state: "busy" }, pool.busy);
          this.set({ language: pool.language, state: "starting" }, pool.starting);
        }
      },
    });
  }

  /**
   * Adds the gauge of submissions by state (queued, running, done; every instance's, from the
   * store), read at each scrape.
   */
  watchSubmissions(counts: () => Promise<Record<string, number>>): void {
    new Gauge({
      name: "warmbox_submissions",
      help: "Submissions in the store, by state (queued, running, done), all instances.",
      labelNames: ["state"],
      registers: [this.registry],
      async collect() {
        for (const [state, count] of Object.entries(await counts())) this.set({ state }, count);
      },
    });
  }

  /** Counts a result and observes its durations (queue wait and run, in milliseconds). */
  recordResult(result: ExecuteResult, timing: { queuedMs?: number; runMs?: number }): void {
    const labels = { language: result.language, status: result.status };
    this.#executions.inc(labels);
    if (timing.runMs !== undefined) this.#executionSeconds.observe(labels, timing.runMs / 1_000);
    if (timing.queuedMs !== undefined) {
      this.#queueWaitSeconds.observe({ language: result.language }, timing.queuedMs / 1_000);
    }
  }

  /** Counts a judged submission and each of its tests' verdicts. */
  recordJudge(result: JudgeResult): void {
    this.#judges.inc({ language: result.language, verdict: result.verdict });
    for (const test of result.tests) {
      this.#judgeTests.inc({ language: result.language, verdict: test.verdict });
    }
  }

  /** Counts a request that got an error instead of a result. */
  recordRejection(code: string): void {
    this.#rejections.inc({ code });
  }

  /** Counts an answered HTTP request. */
  recordHttp(method: string, route: string, statusCode: number, seconds: number): void {
    this.#httpRequests.inc({ method, route, status_code: String(statusCode) });
    this.#httpSeconds.observe({ method, route }, seconds);
  }
}
