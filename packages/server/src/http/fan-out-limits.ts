import type { FastifyRequest } from "fastify";
import { clientKey } from "./api-key-auth.js";
import type { ClientConcurrency } from "./concurrency-limit.js";
import type { ChargeRate } from "./rate-limit.js";

/** Concurrency slots a request borrowed from its client; give them back when its work ends. */
export interface SlotLoan {
  /** Slots borrowed: runs the request may have going beside the one its own slot covers. */
  readonly count: number;
  /** Gives the slots back. Idempotent. */
  release(): void;
}

/**
 * The per-client limits as a request that runs several things sees them (a batch's requests,
 * a judge's tests), so that it cannot get round them:
 * - concurrency: the request holds one slot (the concurrency-limit hook took it); more runs at
 *   once need more of its client's slots, borrowed while free and held until the work ends.
 *   A client at its limit still gets its work done, one run at a time.
 * - rate: a batch of n requests counts as n requests (chargeRate the n − 1 beyond its own hit).
 * A limit that is turned off lends and charges without counting.
 */
export class FanOutLimits {
  constructor(
    private readonly concurrency: ClientConcurrency | undefined,
    private readonly chargeRate: ChargeRate | undefined,
  ) {}

  /** Borrows up to `wanted` of the client's free slots (all of them when there is no limit). */
  borrowSlots(request: FastifyRequest, wanted: number): SlotLoan {
    const { concurrency } = this;
    if (concurrency === undefined) return { count: Math.max(0, wanted), release: () => {} };
    const client = clientKey(request);
    const count = concurrency.acquireUpTo(client, wanted);
    let released = false;
    return {
      count,
      release: () => {
        if (released || count === 0) return;
        released = true;
        concurrency.release(client, count);
      },
    };
  }

  /** Counts `extra` more requests against the client's rate limit; 429 `rate_limited` past it. */
  async charge(request: FastifyRequest, extra: number): Promise<void> {
    await this.chargeRate?.(request, extra);
  }
}
