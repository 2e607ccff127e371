import type { FastifyInstance } from "fastify";
import { registerApiKeyAuth } from "../http/api-key-auth.js";
import {
  type BrowserOriginGuardOptions,
  registerBrowserOriginGuard,
} from "../http/browser-origin-guard.js";
import type { ServerMetrics } from "../metrics/server-metrics.js";

export interface MetricsRouteOptions {
  /** With keys set, `/metrics` needs one of them unless `public` opens it. */
  apiKeys: readonly string[];
  public: boolean;
  /** Other sites' browsers are kept out, as on the API: a keyless server's metrics included. */
  browserGuard: BrowserOriginGuardOptions;
}

/**
 * The hook that counts every answered request by route pattern (never by raw URL, which would
 * make labels unbounded). Register it on the root so it sees every route.
 */
export function registerHttpMetrics(app: FastifyInstance, metrics: ServerMetrics): void {
  app.addHook("onResponse", async (request, reply) => {
    const route = request.routeOptions.url ?? "unmatched";
    metrics.recordHttp(request.method, route, reply.statusCode, reply.elapsedTime / 1_000);
  });
}

/**
 * `GET /metrics` in Prometheus text format: behind the API keys when keys are set (the metrics
 * tell traffic and languages), unless `public` opens it for a scraper's network. Like the API,
 * it refuses a foreign Host or Origin, so a web page cannot read it through a visitor's browser
 * (DNS rebinding of a keyless server on localhost).
 */
export async function registerMetricsRoute(
  app: FastifyInstance,
  metrics: ServerMetrics,
  options: MetricsRouteOptions,
): Promise<void> {
  await app.register(async (scope) => {
    registerBrowserOriginGuard(scope, options.browserGuard);
    if (!options.public) registerApiKeyAuth(scope, options.apiKeys);
    scope.get("/metrics", async (_request, reply) => {
      reply.header("content-type", metrics.registry.contentType);
      return metrics.registry.metrics();
    });
  });
}
