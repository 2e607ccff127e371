/**
 * Errors the engine throws. What a user's program does is never an error (it is the
 * `status` of the result); these are for bad requests and for faults of the engine.
 * Every class has a stable `code` so callers (the HTTP server) can map it without `instanceof`
 * across package copies.
 */
export type EngineErrorCode =
  | "invalid_request"
  | "unknown_language"
  | "limit_exceeded"
  | "overloaded"
  | "engine_unavailable"
  | "memory_overcommit"
  | "engine_closed"
  | "aborted"
  | "image_build_failed";

const MARKER = Symbol.for("warmbox.engine-error");

export class EngineError extends Error {
  readonly [MARKER] = true;
  override readonly name: string = "EngineError";

  constructor(
    readonly code: EngineErrorCode,
    message: string,
    readonly details?: unknown,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** True for any engine error, even one thrown by another copy of this package. */
  static isInstance(value: unknown): value is EngineError {
    return typeof value === "object" && value !== null && MARKER in value;
  }
}

/** One problem with a request: the path of the field and what is wrong with it. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** The request does not match ExecuteRequest; `details` lists every field at fault. */
export class InvalidRequestError extends EngineError {
  override readonly name = "InvalidRequestError";
  constructor(
    message: string,
    override readonly details: FieldIssue[],
  ) {
    super("invalid_request", message, details);
  }
}

/** No language (or no version of it) answers to the requested id. */
export class UnknownLanguageError extends EngineError {
  override readonly name = "UnknownLanguageError";
  constructor(message: string, available: string[]) {
    super("unknown_language", message, { available });
  }
}

/** A requested limit is above the operator's maximum: rejected, never clamped. */
export class LimitExceededError extends EngineError {
  override readonly name = "LimitExceededError";
  constructor(field: string, requested: number | boolean, maximum: number | boolean) {
    super(
      "limit_exceeded",
      `${field} is ${String(requested)}, above the maximum of ${String(maximum)}`,
      { field, requested, maximum },
    );
  }
}

/** Every sandbox is busy and the wait queue is full; try again later. */
export class OverloadedError extends EngineError {
  override readonly name = "OverloadedError";
  constructor(queueLength: number) {
    super("overloaded", `the execution queue is full (${queueLength} waiting); try again shortly`, {
      queueLength,
    });
  }
}

/** Docker cannot be reached, or an image is missing: nothing the request can fix. */
export class EngineUnavailableError extends EngineError {
  override readonly name = "EngineUnavailableError";
  constructor(message: string, options?: { cause?: unknown }) {
    super("engine_unavailable", message, undefined, options);
  }
}

/**
 * The sandboxes could hold more memory than the Docker host has (every pool at its `max`,
 * capped by `maxSandboxes`): lower `pool.max`, `maxSandboxes` or the memory limits.
 */
export class MemoryOvercommitError extends EngineError {
  override readonly name = "MemoryOvercommitError";
  constructor(committedBytes: number, hostBytes: number) {
    const mib = (bytes: number) => Math.round(bytes / 1_048_576);
    super(
      "memory_overcommit",
      `the sandboxes may use ${mib(committedBytes)} MiB, more than the Docker host's ${mib(hostBytes)} MiB; lower pool.max, maxSandboxes or the memory limits`,
      { committedBytes, hostBytes },
    );
  }
}

/** The engine was closed; it takes no more work. */
export class EngineClosedError extends EngineError {
  override readonly name = "EngineClosedError";
  constructor() {
    super("engine_closed", "the engine is closed");
  }
}

/** The caller's AbortSignal fired before the run started. */
export class AbortedError extends EngineError {
  override readonly name = "AbortedError";
  constructor(reason?: unknown) {
    super("aborted", "the execution was aborted before it started", undefined, { cause: reason });
  }
}

/** Building a runner image failed; `message` holds the end of the build log. */
export class ImageBuildError extends EngineError {
  override readonly name = "ImageBuildError";
  constructor(message: string) {
    super("image_build_failed", message);
  }
}
