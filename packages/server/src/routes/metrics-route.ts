import type { FastifyInstance } from "fastify";
import type { ServerMetrics } from "../metrics/server-metrics.js";

/**
 * `GET /metrics` in Prometheus text format, and the hook that counts every answered request by
 * route pattern (never by raw URL, which would make labels unbounded).
 */
export function registerMetricsRoute(app: FastifyInstance, metrics: ServerMetrics): void {
  app.addHook("onResponse", async (request, reply) => {
    const route = request.routeOptions.url ?? "unmatched";
    metrics.recordHttp(request.method, route, reply.statusCode, reply.elapsedTime / 1_000);
  });
  app.get("/metrics", async (_request, reply) => {
    reply.header("content-type", metrics.registry.contentType);
    return metrics.registry.metrics();
  });
}
