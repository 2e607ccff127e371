import { EngineError, type EngineErrorCode } from "@warmbox/engine";
import {
  type ApiErrorCode,
  HttpError,
  type HttpErrorCode,
  UNAVAILABLE_RETRY_AFTER_SECONDS,
} from "./http-error.js";

/** What the central error handler answers for an error. */
export interface HttpErrorResponse {
  statusCode: number;
  code: ApiErrorCode;
  message: string;
  details?: unknown;
  headers: Record<string, string>;
  /** True when the fault is the server's (logged as an error with the request id). */
  serverFault: boolean;
}

/**
 * What a client reads for any server fault: Docker's and the supervisor's own text goes to the
 * log only (it names hosts, paths and internals); the request id ties the two together.
 */
export const INTERNAL_ERROR_MESSAGE = "an internal error occurred; report the request id";

/** Seconds a client should wait before retrying when the engine's queue is full. */
export const OVERLOADED_RETRY_AFTER_SECONDS = 1;

/**
 * The engine's error codes → HTTP status and the API's error code (docs/api.md). Keyed by every
 * EngineErrorCode: a new engine code does not compile until it is mapped here.
 */
const ENGINE_CODES: Record<
  EngineErrorCode,
  { statusCode: number; code: ApiErrorCode; retryAfter?: number }
> = {
  invalid_request: { statusCode: 400, code: "invalid_request" },
  unknown_language: { statusCode: 400, code: "unknown_language" },
  limit_exceeded: { statusCode: 400, code: "limit_exceeded" },
  overloaded: { statusCode: 503, code: "overloaded", retryAfter: OVERLOADED_RETRY_AFTER_SECONDS },
  engine_closed: {
    statusCode: 503,
    code: "unavailable",
    retryAfter: UNAVAILABLE_RETRY_AFTER_SECONDS,
  },
  // A dead Docker daemon is a 500 internal_error, never the user's fault.
  engine_unavailable: { statusCode: 500, code: "internal_error" },
  image_build_failed: { statusCode: 500, code: "internal_error" },
  memory_overcommit: { statusCode: 500, code: "internal_error" },
  runtime_not_registered: { statusCode: 500, code: "internal_error" },
  // The client went away before its run started; nobody reads this answer.
  aborted: { statusCode: 499, code: "aborted" },
};

/** Fastify's own error codes → the API's. */
const FASTIFY_CODES: Record<string, { statusCode: number; code: HttpErrorCode }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { statusCode: 413, code: "payload_too_large" },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { statusCode: 415, code: "unsupported_media_type" },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { statusCode: 400, code: "invalid_request" },
  FST_ERR_CTP_EMPTY_JSON_BODY: { statusCode: 400, code: "invalid_request" },
  FST_ERR_CTP_INVALID_JSON_BODY: { statusCode: 400, code: "invalid_request" },
};

const FASTIFY_MESSAGES: Record<string, (maxBodyBytes: number) => string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: (max) => `the request body is larger than ${max} bytes`,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () => "send the body as JSON with Content-Type: application/json",
  FST_ERR_CTP_EMPTY_JSON_BODY: () => "the request body is empty; send an ExecuteRequest as JSON",
  FST_ERR_CTP_INVALID_JSON_BODY: () => "the request body is not valid JSON",
};

/**
 * Maps any error to the HTTP answer of the error table in docs/api.md. Engine errors are matched by
 * their stable `code` (never `instanceof`), the server's own by HttpError, Fastify's by its
 * `FST_*` code; anything else is a 500 whose message is never shown to the client.
 */
export function toHttpError(error: unknown, options: { maxBodyBytes: number }): HttpErrorResponse {
  if (HttpError.isInstance(error)) {
    return {
      statusCode: error.statusCode,
      code: error.code,
      message: error.message,
      details: error.details,
      headers: error.headers,
      serverFault: error.statusCode >= 500 && error.code === "internal_error",
    };
  }
  if (EngineError.isInstance(error)) {
    // An engine of another version may throw a code this server does not know: a fault.
    const mapped = ENGINE_CODES[error.code] ?? { statusCode: 500, code: "internal_error" };
    const internal = mapped.code === "internal_error";
    return {
      statusCode: mapped.statusCode,
      code: mapped.code,
      message: internal ? INTERNAL_ERROR_MESSAGE : error.message,
      details: internal ? undefined : error.details,
      headers: mapped.retryAfter ? { "retry-after": String(mapped.retryAfter) } : {},
      serverFault: internal,
    };
  }
  const fastifyCode = (error as { code?: unknown } | null)?.code;
  if (typeof fastifyCode === "string" && fastifyCode in FASTIFY_CODES) {
    const mapped = FASTIFY_CODES[fastifyCode] as { statusCode: number; code: HttpErrorCode };
    const message =
      FASTIFY_MESSAGES[fastifyCode]?.(options.maxBodyBytes) ?? (error as Error).message;
    return {
      statusCode: mapped.statusCode,
      code: mapped.code,
      message,
      details: mapped.code === "invalid_request" ? [{ path: "body", message }] : undefined,
      headers: {},
      serverFault: false,
    };
  }
  const statusCode = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof statusCode === "number" && statusCode >= 400 && statusCode < 500) {
    return {
      statusCode,
      code:
        statusCode === 404
          ? "not_found"
          : statusCode === 405
            ? "method_not_allowed"
            : "invalid_request",
      message: (error as Error).message,
      headers: {},
      serverFault: false,
    };
  }
  return {
    statusCode: 500,
    code: "internal_error",
    message: INTERNAL_ERROR_MESSAGE,
    headers: {},
    serverFault: true,
  };
}
