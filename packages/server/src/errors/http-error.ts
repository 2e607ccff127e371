/** Codes of errors the server itself raises (the engine's codes come from @warmbox/engine). */
export type HttpErrorCode =
  | "invalid_request"
  | "unknown_language"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "method_not_allowed"
  | "payload_too_large"
  | "unsupported_media_type"
  | "rate_limited"
  | "too_many_submissions"
  | "too_many_stored_submissions"
  | "overloaded"
  | "unavailable"
  | "internal_error";

/**
 * Every `error.code` an answer of the API carries: the server's own and those the engine's
 * errors map to (toHttpError). A client's table of codes keyed by it misses none.
 */
export type ApiErrorCode = HttpErrorCode | "limit_exceeded" | "aborted";

/** Seconds a client should wait when the server is shutting down (another task will answer). */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/** What an HttpError answers. */
export interface HttpErrorOptions {
  /** The HTTP status of the answer. */
  statusCode: number;
  /** The stable code of the answer's `error.code`. */
  code: HttpErrorCode;
  /** A sentence for the client: what was wrong and, where it helps, what to do. */
  message: string;
  /** Answered as `error.details` (the v1 API only), e.g. the fields at fault. */
  details?: unknown;
  /** Extra response headers, e.g. Retry-After. @default {} */
  headers?: Record<string, string>;
}

const MARKER = Symbol.for("warmbox.http-error");

/**
 * An error with its HTTP status and a stable `code`, answered as
 * `{ "error": { "code", "message", "details" } }` by the central error handler.
 *
 * @example
 * ```ts
 * throw new HttpError({ statusCode: 401, code: "unauthorized", message: "an API key is required" });
 * ```
 */
export class HttpError extends Error {
  readonly [MARKER] = true;
  override readonly name = "HttpError";
  readonly statusCode: number;
  readonly code: HttpErrorCode;
  readonly details: unknown;
  readonly headers: Record<string, string>;

  constructor({ statusCode, code, message, details, headers = {} }: HttpErrorOptions) {
    super(message);
    this.statusCode = statusCode;
    this.code = code;
    this.details = details;
    this.headers = headers;
  }

  static isInstance(value: unknown): value is HttpError {
    return typeof value === "object" && value !== null && MARKER in value;
  }
}

/** The answer while the server drains for a shutdown: 503 `unavailable`, retry on another task. */
export function shuttingDownError(): HttpError {
  return new HttpError({
    statusCode: 503,
    code: "unavailable",
    message: "the server is shutting down; retry shortly",
    headers: { "retry-after": String(UNAVAILABLE_RETRY_AFTER_SECONDS) },
  });
}

/** The answer to a plain GET of a WebSocket route: 426, upgrade to a WebSocket. */
export function upgradeRequiredError(path: string): HttpError {
  return new HttpError({
    statusCode: 426,
    code: "invalid_request",
    message: `GET ${path} is a WebSocket: send an upgrade request`,
    headers: { upgrade: "websocket" },
  });
}
