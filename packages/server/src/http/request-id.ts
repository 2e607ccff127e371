import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { FastifyInstance } from "fastify";

/** An incoming X-Request-Id is kept when it looks like an id; else the server makes one. */
const REQUEST_ID_PATTERN = /^[\w.:-]{1,128}$/;

/** A request's id (Fastify's `genReqId`): the client's X-Request-Id if it looks like one. */
export function requestIdOf(request: IncomingMessage): string {
  const incoming = request.headers["x-request-id"];
  return typeof incoming === "string" && REQUEST_ID_PATTERN.test(incoming)
    ? incoming
    : randomUUID();
}

/** Every answer names its request's id in X-Request-Id, the id its log lines carry. */
export function registerRequestIdHeader(app: FastifyInstance): void {
  app.addHook("onRequest", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });
}
