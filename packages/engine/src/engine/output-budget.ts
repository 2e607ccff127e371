import { AbortedError } from "../errors/engine-errors.js";

interface Waiter {
  bytes: number;
  grant: () => void;
}

/**
 * The engine-wide budget for buffered output: every run reserves the most output it may buffer
 * (its caps) before it starts, and gives it back when it ends, so the output held by all runs in
 * flight never exceeds `totalBytes`. Runs that don't fit wait, first come first served.
 */
export class OutputBudget {
  #reserved = 0;
  readonly #waiters: Waiter[] = [];

  constructor(readonly totalBytes: number) {}

  /** Bytes reserved by runs in flight. */
  get reservedBytes(): number {
    return this.#reserved;
  }

  /**
   * Waits until `bytes` fit, reserves them and returns the function that gives them back
   * (idempotent). Rejects with AbortedError if `signal` fires first. `bytes` must not exceed
   * `totalBytes` (the engine checks its options so that no run can ask for more).
   */
  async reserve(bytes: number, signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) throw new AbortedError(signal.reason);
    if (this.#waiters.length === 0 && this.#reserved + bytes <= this.totalBytes) {
      this.#reserved += bytes;
    } else {
      await new Promise<void>((resolve, reject) => {
        const waiter: Waiter = {
          bytes,
          grant: () => {
            signal?.removeEventListener("abort", onAbort);
            resolve();
          },
        };
        const onAbort = () => {
          this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
          reject(new AbortedError(signal?.reason));
          this.#grantWaiting();
        };
        signal?.addEventListener("abort", onAbort, { once: true });
        this.#waiters.push(waiter);
      });
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#reserved -= bytes;
      this.#grantWaiting();
    };
  }

  #grantWaiting(): void {
    for (;;) {
      const first = this.#waiters[0];
      if (!first || this.#reserved + first.bytes > this.totalBytes) return;
      this.#waiters.shift();
      this.#reserved += first.bytes;
      first.grant();
    }
  }
}
