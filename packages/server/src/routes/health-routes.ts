import type { Engine, EngineHealth } from "@warmbox/engine";
import type { FastifyInstance } from "fastify";

/** A readiness probe that takes longer than this counts as not ready (Docker is not answering). */
const HEALTH_TIMEOUT_MS = 3_000;

export interface HealthRouteOptions {
  engine: Engine;
  /** False while the pools warm up and once shutdown began. */
  isAccepting: () => boolean;
}

async function probe(engine: Engine): Promise<EngineHealth> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<EngineHealth>((resolve) => {
    timer = setTimeout(() => resolve({ docker: false, warm: false }), HEALTH_TIMEOUT_MS);
  });
  try {
    return await Promise.race([engine.health(), timeout]);
  } catch {
    return { docker: false, warm: false };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `GET /healthz` (liveness: the process answers) and `GET /readyz` (readiness: Docker answers,
 * the pools are warm and the server is not shutting down; else 503). Never behind an API key
 * or a rate limit.
 */
export function registerHealthRoutes(app: FastifyInstance, options: HealthRouteOptions): void {
  app.get("/healthz", async () => ({ status: "ok" }));
  app.get("/readyz", async (_request, reply) => {
    if (!options.isAccepting())
      return reply.code(503).send({ status: "not_ready", reason: "starting or shutting down" });
    const health = await probe(options.engine);
    const ready = health.docker && health.warm;
    return reply.code(ready ? 200 : 503).send({ status: ready ? "ready" : "not_ready", ...health });
  });
}
