import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HttpError } from "../errors/http-error.js";
import { clientKey } from "./api-key-auth.js";

/** Seconds a client over its concurrency limit should wait: runs usually finish within that. */
export const CONCURRENCY_RETRY_AFTER_SECONDS = 1;

/** Counts requests in flight per client and refuses one over the limit. */
export class ClientConcurrency {
  readonly #inFlight = new Map<string, number>();

  constructor(readonly limit: number) {}

  /** Takes a slot for `client`; false when it already holds `limit` of them. */
  tryAcquire(client: string): boolean {
    const current = this.#inFlight.get(client) ?? 0;
    if (current >= this.limit) return false;
    this.#inFlight.set(client, current + 1);
    return true;
  }

  /**
   * Takes up to `wanted` of `client`'s free slots at once (for work that fans out, beside the
   * slot its request holds); returns how many it took, each to be released.
   */
  acquireUpTo(client: string, wanted: number): number {
    const taken = Math.max(0, Math.min(wanted, this.limit - this.inFlight(client)));
    if (taken > 0) this.#inFlight.set(client, this.inFlight(client) + taken);
    return taken;
  }

  release(client: string, count = 1): void {
    const current = this.#inFlight.get(client) ?? 0;
    if (current <= count) this.#inFlight.delete(client);
    else this.#inFlight.set(client, current - count);
  }

  /** Requests `client` has in flight. */
  inFlight(client: string): number {
    return this.#inFlight.get(client) ?? 0;
  }
}

/**
 * Calls `done` once when the request is over: its answer written or its connection gone; for a
 * WebSocket, when the socket closes (a run over it lasts that long).
 */
function onFinished(request: FastifyRequest, reply: FastifyReply, done: () => void): void {
  let called = false;
  const once = () => {
    if (!called) {
      called = true;
      done();
    }
  };
  if (request.ws) request.raw.socket.once("close", once);
  else reply.raw.once("close", once);
}

/**
 * At most `limit` requests in flight per client (API key, else IP) on every route of `scope`;
 * streaming answers and WebSockets count until they end. One more gets 429 `rate_limited` with
 * Retry-After, so one client cannot hold every sandbox. `limit` 0 turns it off. Register it in
 * the API plugin after the key check, so a key's requests count against the key. Returns the
 * counts, for routes whose one request runs several things at once; nothing when turned off.
 */
export function registerConcurrencyLimit(
  scope: FastifyInstance,
  limit: number,
): ClientConcurrency | undefined {
  if (limit <= 0) return undefined;
  const concurrency = new ClientConcurrency(limit);
  scope.addHook("onRequest", async (request, reply) => {
    const client = clientKey(request);
    if (!concurrency.tryAcquire(client)) {
      throw new HttpError({
        statusCode: 429,
        code: "rate_limited",
        message: `at most ${limit} requests of one client may run at once; retry when one finished`,
        details: { concurrencyLimit: limit },
        headers: { "retry-after": String(CONCURRENCY_RETRY_AFTER_SECONDS) },
      });
    }
    onFinished(request, reply, () => concurrency.release(client));
  });
  return concurrency;
}
