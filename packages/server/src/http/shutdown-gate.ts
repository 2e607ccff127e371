import type { FastifyInstance } from "fastify";
import { shuttingDownError } from "../errors/http-error.js";

/**
 * Once shutdown began (`isDraining()`), every route of `scope` answers 503 `unavailable` with
 * Retry-After and `Connection: close`, so the load balancer sends the client elsewhere while
 * running executions finish.
 */
export function registerShutdownGate(scope: FastifyInstance, isDraining: () => boolean): void {
  scope.addHook("onRequest", async (_request, reply) => {
    if (!isDraining()) return;
    reply.header("connection", "close");
    throw shuttingDownError();
  });
}
