import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance } from "fastify";
import { HttpError } from "../errors/http-error.js";
import { isApiPath } from "./api-key-auth.js";

/** The window of the configured per-minute limit. */
const RATE_WINDOW_MS = 60_000;

/**
 * Per-client rate limit on the API routes: by API key when the request used a valid one, else
 * by client IP (set `trustProxy` behind a load balancer). Over the limit: 429 `rate_limited`
 * with Retry-After. Health, metrics and the page are never limited.
 */
export async function registerRateLimit(app: FastifyInstance, perMinute: number): Promise<void> {
  if (perMinute <= 0) return;
  await app.register(rateLimit, {
    global: true,
    max: perMinute,
    timeWindow: RATE_WINDOW_MS,
    // Auth runs first (an app-level onRequest hook); only a verified key gets its own bucket.
    keyGenerator: (request) => (request.apiKeyId ? `key:${request.apiKeyId}` : `ip:${request.ip}`),
    allowList: (request) => request.method === "OPTIONS" || !isApiPath(request.url),
    errorResponseBuilder: (_request, context) =>
      new HttpError(
        429,
        "rate_limited",
        `rate limit of ${context.max} requests per minute exceeded; retry in ${context.after}`,
        { limit: context.max, windowMs: RATE_WINDOW_MS, retryAfterMs: context.ttl },
      ),
  });
}
