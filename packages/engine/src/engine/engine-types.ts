import type { JudgeOptions, JudgeRequest } from "../judge/judge-request.js";
import type { JudgeResult } from "../judge/judge-result.js";
import type { ExecuteRequest } from "../request/execute-request.js";
import type { ExecuteResult, LanguageInfo, StageResult } from "../request/execute-result.js";

/** A pino-compatible logger; the engine logs ids and outcomes, never user code or output. */
export interface Logger {
  child(bindings: Record<string, unknown>): Logger;
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

// The options are declared by their schema (engine-options.ts); their types live there.
export type { EngineOptions, PoolOptions } from "./engine-options.js";

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
  /**
   * Judges a submission against its tests: compiles it once, runs every test from that build in
   * a clean sandbox of its own (several at once, up to `concurrency` and the pool's `max`),
   * compares each output with its `expected` (`compare`: lines by default, exact, tokens, a
   * float tolerance or a checker program) and resolves with a verdict per test and overall:
   * the first failing test's in test order, else `accepted`. The whole request is checked
   * before anything runs: bad input throws InvalidRequestError (naming e.g. `tests[3].expected`),
   * UnknownLanguageError (also for the checker's language) or LimitExceededError. Aborting
   * kills the running tests and rejects with AbortedError.
   *
   * @example
   * const result = await engine.judge({
   *   language: "python",
   *   source: "a, b = map(int, input().split())\nprint(a + b)",
   *   tests: [
   *     { stdin: "1 2\n", expected: "3\n" },
   *     { stdin: "20 22\n", expected: "42\n" },
   *   ],
   * });
   * console.log(result.verdict, `${result.passed}/${result.total}`); // accepted 2/2
   */
  judge(request: JudgeRequest, options?: JudgeOptions): Promise<JudgeResult>;
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
