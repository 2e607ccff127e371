import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance } from "fastify";
import { HttpError } from "../errors/http-error.js";
import { clientKey } from "./api-key-auth.js";

/** The window of the configured per-minute limit. */
const RATE_WINDOW_MS = 60_000;

/**
 * Per-client rate limit on every route of `scope`: by API key when the request used a valid
 * one, else by client IP (set `trustProxy` behind a load balancer). Over the limit: 429
 * `rate_limited` with Retry-After. Register it inside the API plugin, after the key check.
 */
export async function registerRateLimit(scope: FastifyInstance, perMinute: number): Promise<void> {
  if (perMinute <= 0) return;
  await scope.register(rateLimit, {
    global: true,
    max: perMinute,
    timeWindow: RATE_WINDOW_MS,
    // The key check is a hook of the plugin; the limit is a route hook, so it runs after it.
    keyGenerator: clientKey,
    errorResponseBuilder: (_request, context) =>
      new HttpError({
        statusCode: 429,
        code: "rate_limited",
        message: `rate limit of ${context.max} requests per minute exceeded; retry in ${context.after}`,
        details: { limit: context.max, windowMs: RATE_WINDOW_MS, retryAfterMs: context.ttl },
      }),
  });
}
