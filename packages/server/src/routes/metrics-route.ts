import type { FastifyInstance } from "fastify";
import { registerApiKeyAuth } from "../http/api-key-auth.js";
import type { ServerMetrics } from "../metrics/server-metrics.js";

export interface MetricsRouteOptions {
  /** With keys set, `/metrics` needs one of them unless `public` opens it. */
  apiKeys: readonly string[];
  public: boolean;
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
 * tell traffic and languages), unless `public` opens it for a scraper's network.
 */
export async function registerMetricsRoute(
  app: FastifyInstance,
  metrics: ServerMetrics,
  options: MetricsRouteOptions,
): Promise<void> {
  await app.register(async (scope) => {
    if (!options.public) registerApiKeyAuth(scope, options.apiKeys);
    scope.get("/metrics", async (_request, reply) => {
      reply.header("content-type", metrics.registry.contentType);
      return metrics.registry.metrics();
    });
  });
}
