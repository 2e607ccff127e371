import { AbortedError, OverloadedError } from "../errors/engine-errors.js";

/** Gives back a place taken through `AdmissionLane.admit`. Idempotent. */
export type ReleasePlace = () => void;

export interface AdmissionLimits {
  /** Most places held at once across every lane: the engine's `maxSandboxes`. */
  maxActive: number;
  /** Most requests waiting across every lane; one more is refused: the engine's `maxQueue`. */
  maxWaiting: number;
}

/** One pool's share of the queue: at most `max` places held at once. */
export interface AdmissionLane {
  /** Places held now. */
  readonly active: number;
  /** Requests waiting for a place now. */
  readonly waiting: number;
  /**
   * Takes a place at once when the lane and the queue both have one free; else waits for it,
   * first come first served. Rejects with OverloadedError when `maxWaiting` requests already
   * wait, and with AbortedError when `signal` aborts first: the request then leaves the queue
   * at once, and no longer counts as waiting.
   */
  admit(signal?: AbortSignal): Promise<ReleasePlace>;
  /** Resolves once nobody waits in this lane and every place taken in it was given back. */
  idle(): Promise<void>;
}

interface LaneState {
  max: number;
  active: number;
  waiting: number;
  onIdle: Array<() => void>;
}

interface Waiter {
  lane: LaneState;
  admit: (release: ReleasePlace) => void;
}

/**
 * Admission to an engine's sandboxes: one queue shared by every pool, each pool a lane with its
 * own `max`. A request takes a place when its lane and the engine both have one free; among the
 * waiting, the oldest that fits goes first (a full lane never holds up another lane's requests).
 */
export class AdmissionQueue {
  readonly #waiters: Waiter[] = [];
  #active = 0;

  constructor(readonly limits: AdmissionLimits) {}

  /** Requests waiting for a place, every lane. */
  get waiting(): number {
    return this.#waiters.length;
  }

  /** Places held now, every lane. */
  get active(): number {
    return this.#active;
  }

  /** A new lane of at most `max` places. */
  lane(max: number): AdmissionLane {
    const state: LaneState = { max, active: 0, waiting: 0, onIdle: [] };
    return {
      get active() {
        return state.active;
      },
      get waiting() {
        return state.waiting;
      },
      admit: (signal) => this.#admit(state, signal),
      idle: () =>
        new Promise<void>((resolve) => {
          state.onIdle.push(resolve);
          notifyIfIdle(state);
        }),
    };
  }

  async #admit(lane: LaneState, signal: AbortSignal | undefined): Promise<ReleasePlace> {
    if (signal?.aborted) throw new AbortedError(signal.reason);
    // After every change the waiters that fit have been admitted: a request that fits now
    // passes nobody who was there first.
    if (this.#fits(lane)) return this.#take(lane);
    if (this.#waiters.length >= this.limits.maxWaiting) {
      throw new OverloadedError(this.#waiters.length);
    }
    return new Promise<ReleasePlace>((resolve, reject) => {
      const waiter: Waiter = {
        lane,
        admit: (release) => {
          signal?.removeEventListener("abort", leave);
          resolve(release);
        },
      };
      const leave = () => {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        lane.waiting--;
        reject(new AbortedError(signal?.reason));
        notifyIfIdle(lane);
      };
      signal?.addEventListener("abort", leave, { once: true });
      this.#waiters.push(waiter);
      lane.waiting++;
    });
  }

  #fits(lane: LaneState): boolean {
    return this.#active < this.limits.maxActive && lane.active < lane.max;
  }

  #take(lane: LaneState): ReleasePlace {
    this.#active++;
    lane.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#active--;
      lane.active--;
      this.#admitWaiting();
      notifyIfIdle(lane);
    };
  }

  /** Admits, oldest first, every waiter whose lane and the queue have a place free. */
  #admitWaiting(): void {
    let index = 0;
    while (index < this.#waiters.length && this.#active < this.limits.maxActive) {
      const waiter = this.#waiters[index];
      if (waiter && waiter.lane.active < waiter.lane.max) {
        this.#waiters.splice(index, 1);
        waiter.lane.waiting--;
        waiter.admit(this.#take(waiter.lane));
      } else {
        index++;
      }
    }
  }
}

function notifyIfIdle(lane: LaneState): void {
  if (lane.waiting > 0 || lane.active > 0) return;
  for (const resolve of lane.onIdle.splice(0)) resolve();
}
