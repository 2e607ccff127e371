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
  | "overloaded"
  | "unavailable"
  | "internal_error";

const MARKER = Symbol.for("warmbox.http-error");

/**
 * An error with its HTTP status and a stable `code`, answered as
 * `{ "error": { "code", "message", "details" } }` by the central error handler.
 *
 * @example
 * ```ts
 * throw new HttpError(401, "unauthorized", "a valid API key is required");
 * ```
 */
export class HttpError extends Error {
  readonly [MARKER] = true;
  override readonly name = "HttpError";

  constructor(
    readonly statusCode: number,
    readonly code: HttpErrorCode,
    message: string,
    readonly details?: unknown,
    /** Extra response headers, e.g. Retry-After. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  static isInstance(value: unknown): value is HttpError {
    return typeof value === "object" && value !== null && MARKER in value;
  }
}
