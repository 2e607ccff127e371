import type { ApiErrorCode, ErrorBody } from "./api-types.js";

/** What went wrong talking to the server, in the terms the page shows to a person. */
export type ApiErrorKind =
  | "network"
  | "rate_limited"
  | "overloaded"
  | "unavailable"
  | "bad_request"
  | "unauthorized"
  | "too_large"
  | "server"
  | "protocol";

/**
 * An error of the transport or of the server (never of the user's program: what a program does
 * is a result). `message` is a plain sentence meant for the page.
 */
export class ApiError extends Error {
  override readonly name = "ApiError";
  readonly kind: ApiErrorKind;
  readonly status: number | null;
  readonly code: string | null;
  readonly retryAfterSeconds: number | null;

  constructor(
    kind: ApiErrorKind,
    message: string,
    options: { status?: number; code?: string; retryAfterSeconds?: number | null } = {},
  ) {
    super(message);
    this.kind = kind;
    this.status = options.status ?? null;
    this.code = options.code ?? null;
    this.retryAfterSeconds = options.retryAfterSeconds ?? null;
  }

  static isInstance(value: unknown): value is ApiError {
    return value instanceof Error && value.name === "ApiError";
  }
}

/** The error the page shows when the server cannot be reached at all. */
export function networkError(): ApiError {
  return new ApiError(
    "network",
    "Can't reach the Warmbox server. Check your connection (or that the server is running) and try again.",
  );
}

function parseRetryAfter(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(header);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function retryHint(seconds: number | null): string {
  if (seconds === null) return "Try again in a moment.";
  if (seconds <= 1) return "Try again in a second.";
  return `Try again in ${seconds} seconds.`;
}

function serverMessage(body: unknown): { code: string | null; message: string | null } {
  if (typeof body === "object" && body !== null && "error" in body) {
    const error = (body as ErrorBody).error;
    if (typeof error === "object" && error !== null) {
      return {
        code: typeof error.code === "string" ? error.code : null,
        message: typeof error.message === "string" ? error.message : null,
      };
    }
  }
  return { code: null, message: null };
}

/**
 * The HTTP status each error code of the API answers with (docs/api.md). Keyed by every code the
 * server has: a code added there does not compile here until it has its status.
 */
const STATUS_OF_CODE: Record<ApiErrorCode, number> = {
  invalid_request: 400,
  unknown_language: 400,
  limit_exceeded: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  too_many_submissions: 429,
  too_many_stored_submissions: 429,
  aborted: 499,
  internal_error: 500,
  overloaded: 503,
  unavailable: 503,
};

/** The HTTP status an error code stands for, for errors that arrive inside a stream. */
function errorStatus(body: unknown): number {
  const error = (body as { error?: { code?: unknown } } | null)?.error ?? body;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string" || !Object.hasOwn(STATUS_OF_CODE, code)) return 500;
  return STATUS_OF_CODE[code as ApiErrorCode];
}

/**
 * Turns a non-2xx answer into an ApiError with a plain message.
 * @param status the HTTP status
 * @param body the parsed JSON body, if any
 * @param retryAfter the Retry-After header, if any
 */
export function httpError(status: number, body: unknown, retryAfter: string | null): ApiError {
  const { code, message } = serverMessage(body);
  const retryAfterSeconds = parseRetryAfter(retryAfter);
  const base = { status, code: code ?? undefined, retryAfterSeconds };
  if (status === 429) {
    return new ApiError(
      "rate_limited",
      `You're sending runs too quickly, so the server paused you. ${retryHint(retryAfterSeconds)}`,
      base,
    );
  }
  if (status === 503 && code === "unavailable") {
    return new ApiError(
      "unavailable",
      `The server is shutting down (a restart or an update) and takes no new runs. ${retryHint(retryAfterSeconds)}`,
      base,
    );
  }
  if (status === 503) {
    return new ApiError(
      "overloaded",
      `The server is busy right now: every sandbox is in use and the queue is full. ${retryHint(retryAfterSeconds)}`,
      base,
    );
  }
  if (status === 401) {
    return new ApiError(
      "unauthorized",
      "This server needs an API key, and the playground has none that it accepts.",
      base,
    );
  }
  if (status === 413) {
    return new ApiError(
      "too_large",
      "The program or its input is larger than this server accepts.",
      base,
    );
  }
  if (status >= 400 && status < 500) {
    return new ApiError(
      "bad_request",
      message ?? `The server refused the request (${status}).`,
      base,
    );
  }
  return new ApiError(
    "server",
    `The server failed (HTTP ${status})${message ? `: ${message}` : "."} Try again; if it keeps happening, the server's log has the details.`,
    base,
  );
}

/**
 * An error that arrived inside a stream (an SSE `error` event, a WebSocket `error` message), as
 * the ApiError its code's HTTP status would give.
 */
export function streamedError(body: unknown): ApiError {
  return httpError(errorStatus(body), body, null);
}

/** Reads a failed response into an ApiError. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  return httpError(response.status, body, response.headers.get("retry-after"));
}

/** True when the server refused the call for want of a (valid) API key. */
export function isUnauthorized(error: unknown): boolean {
  return ApiError.isInstance(error) && error.kind === "unauthorized";
}
