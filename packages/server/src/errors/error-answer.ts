import type { FastifyRequest } from "fastify";
import type { ApiErrorCode } from "./http-error.js";
import { type HttpErrorResponse, toHttpError } from "./to-http-error.js";

/** The v1 API's error body (docs/api.md): `{ error: { code, message, requestId, details? } }`. */
export interface ErrorBody {
  error: { code: ApiErrorCode; message: string; details?: unknown; requestId: string };
}

/** The error body of Piston's API: a message, nothing else. */
export interface PistonErrorBody {
  message: string;
}

/**
 * Maps an error as the central error handler does and logs it once: a server fault as an error
 * with the request id (the client reads only INTERNAL_ERROR_MESSAGE), a rejection at info.
 * Every error answer goes through here, whether a reply, an SSE event or a WebSocket message.
 */
export function mapError(
  request: FastifyRequest,
  error: unknown,
  maxBodyBytes: number,
): HttpErrorResponse {
  const mapped = toHttpError(error, { maxBodyBytes });
  if (mapped.serverFault) request.log.error({ err: error }, "request failed");
  else request.log.info({ code: mapped.code, status: mapped.statusCode }, "request rejected");
  return mapped;
}

/** The v1 body of a mapped error, with the request id. */
export function v1ErrorBody(request: FastifyRequest, mapped: HttpErrorResponse): ErrorBody {
  const body: ErrorBody = {
    error: { code: mapped.code, message: mapped.message, requestId: String(request.id) },
  };
  if (mapped.details !== undefined) body.error.details = mapped.details;
  return body;
}

/**
 * Piston's body of a mapped error. Its shape has no room for the request id: a server fault
 * names it in the message.
 */
export function pistonErrorBody(
  request: FastifyRequest,
  mapped: HttpErrorResponse,
): PistonErrorBody {
  const suffix = mapped.serverFault ? ` (request id ${String(request.id)})` : "";
  return { message: `${mapped.message}${suffix}` };
}

/**
 * The error of a v1 stream (an SSE `error` event, a `/v1/run` WebSocket `error` message): the
 * error mapped and logged, and its body. Its `mapped` tells how to end the stream.
 */
export function streamError(
  request: FastifyRequest,
  error: unknown,
  maxBodyBytes: number,
): { mapped: HttpErrorResponse; body: ErrorBody } {
  const mapped = mapError(request, error, maxBodyBytes);
  return { mapped, body: v1ErrorBody(request, mapped) };
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
export function errorBody(
  request: FastifyRequest,
  mapped: HttpErrorResponse,
): ErrorBody | PistonErrorBody {
  return isPistonRoute(request) ? pistonErrorBody(request, mapped) : v1ErrorBody(request, mapped);
}
