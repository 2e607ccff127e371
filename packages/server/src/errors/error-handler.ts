import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HttpError } from "./http-error.js";
import { type HttpErrorResponse, toHttpError } from "./to-http-error.js";

/** The error body of docs/api.md: `{ error: { code, message, requestId, details? } }`. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown; requestId: string };
}

/**
 * Piston's routes answer errors in Piston's shape so Piston clients read them; decided on the
 * matched route (the raw URL only when no route matched).
 */
export function isPistonRoute(request: FastifyRequest): boolean {
  const path = request.routeOptions.url ?? request.url;
  return path.startsWith("/api/v2/") || path === "/api/v2";
}

/** The body of an error answer for this request's API flavour. */
export function errorBody(request: FastifyRequest, mapped: HttpErrorResponse): unknown {
  if (isPistonRoute(request)) {
    // Piston's shape has no room for the request id: a server fault names it in the message.
    const suffix = mapped.serverFault ? ` (request id ${String(request.id)})` : "";
    return { message: `${mapped.message}${suffix}` };
  }
  const body: ErrorBody = {
    error: { code: mapped.code, message: mapped.message, requestId: String(request.id) },
  };
  if (mapped.details !== undefined) body.error.details = mapped.details;
  return body;
}

/** Sends the mapped error, with its headers, logging server faults with the request id. */
export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  error: unknown,
  maxBodyBytes: number,
) {
  const mapped = toHttpError(error, { maxBodyBytes });
  if (mapped.serverFault) request.log.error({ err: error }, "request failed");
  else request.log.info({ code: mapped.code, status: mapped.statusCode }, "request rejected");
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
      new HttpError(404, "not_found", `no route ${request.method} ${request.url.split("?")[0]}`),
      options.maxBodyBytes,
    ),
  );
}
