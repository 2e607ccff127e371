import type { ApiError } from "./api-error.js";
import type { ExecuteResult, StageResult } from "./api-types.js";

/** What a run reports while it goes. Every callback is optional to the caller's needs. */
export interface RunListener {
  /** A chunk of the program's stdout, as it is written. */
  onStdout(text: string): void;
  /** A chunk of the program's stderr, as it is written. */
  onStderr(text: string): void;
  /** The compile stage finished (compiled languages only). */
  onCompile(stage: StageResult): void;
}

/** How a run ended, seen from the page. */
export type RunOutcome =
  | { kind: "result"; result: ExecuteResult }
  | { kind: "stopped"; result: ExecuteResult | null }
  | { kind: "error"; error: ApiError };

/** A run in flight. `stop()` is idempotent. */
export interface RunSession {
  /** True when the program's stdin can be written while it runs (the WebSocket transport). */
  readonly interactive: boolean;
  /** Writes to the running program's stdin (interactive sessions only). */
  sendStdin(data: string): void;
  /** Closes the running program's stdin: what an EOF (Ctrl+D) would do. */
  closeStdin(): void;
  /** Kills the program. */
  stop(): void;
  /** Settles once, with how the run ended; never rejects. */
  readonly done: Promise<RunOutcome>;
}
