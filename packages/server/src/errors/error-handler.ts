import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { errorBody, mapError } from "./error-answer.js";
import { HttpError } from "./http-error.js";

/** Sends the mapped error, with its headers, in this request's API flavour. */
export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  error: unknown,
  maxBodyBytes: number,
) {
  const mapped = mapError(request, error, maxBodyBytes);
  return reply.code(mapped.statusCode).headers(mapped.headers).send(errorBody(request, mapped));
}

/**
 * The one place errors become HTTP answers: every thrown error (engine, server, Fastify) goes
 * through `toHttpError`; unknown routes answer 404 `not_found` in the same shape.
 */
export function registerErrorHandler(
  app: FastifyInstance,
  options: { maxBodyBytes: number },
): void {
  app.setErrorHandler((error, request, reply) =>
    sendError(request, reply, error, options.maxBodyBytes),
  );
  app.setNotFoundHandler((request, reply) =>
    sendError(
      request,
      reply,
      new HttpError({
        statusCode: 404,
        code: "not_found",
        message: `no route ${request.method} ${request.url.split("?")[0]}`,
      }),
      options.maxBodyBytes,
    ),
  );
}
