import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { HttpError } from "../errors/http-error.js";
import { clientKey } from "./api-key-auth.js";

/** The window of the configured per-minute limit. */
const RATE_WINDOW_MS = 60_000;

/**
 * Counts `extra` more requests of this request's client against its rate limit (a batch of n
 * runs costs n requests: its own hit and n − 1 more); rejects with 429 `rate_limited` when that
 * takes the client past the limit (counting stops at the first hit past it).
 */
export type ChargeRate = (request: FastifyRequest, extra: number) => Promise<void>;

function rateLimitedError(max: number, ttlMs: number): HttpError {
  const seconds = Math.max(1, Math.ceil(ttlMs / 1_000));
  return new HttpError({
    statusCode: 429,
    code: "rate_limited",
    message: `rate limit of ${max} requests per minute exceeded; retry in ${seconds} s`,
    details: { limit: max, windowMs: RATE_WINDOW_MS, retryAfterMs: ttlMs },
    headers: { "retry-after": String(seconds) },
  });
}

/**
 * Per-client rate limit on every route of `scope`: by API key when the request used a valid
 * one, else by client IP (set `trustProxy` behind a load balancer). Over the limit: 429
 * `rate_limited` with Retry-After. Register it inside the API plugin, after the key check.
 * Returns how a route charges the extra requests one request stands for; nothing when
 * `perMinute` is 0 (no limit).
 */
export async function registerRateLimit(
  scope: FastifyInstance,
  perMinute: number,
): Promise<ChargeRate | undefined> {
  if (perMinute <= 0) return undefined;
  await scope.register(rateLimit, {
    global: true,
    max: perMinute,
    timeWindow: RATE_WINDOW_MS,
    // The key check is a hook of the plugin; the limit is a route hook, so it runs after it.
    keyGenerator: clientKey,
    errorResponseBuilder: (_request, context) => rateLimitedError(context.max, context.ttl),
  });
  // Without options: the same counters as the route hook above.
  const hit = scope.createRateLimit();
  return async (request, extra) => {
    for (let count = 0; count < extra; count++) {
      const outcome = await hit(request);
      if (!outcome.isAllowed && outcome.isExceeded)
        throw rateLimitedError(outcome.max, outcome.ttl);
    }
  };
}
