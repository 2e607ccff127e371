/**
 * Errors the engine throws. What a user's program does is never an error (it is the
 * `status` of the result); these are for bad requests and for faults of the engine.
 * Every class has a stable `code` so callers (the HTTP server) can map it without `instanceof`
 * across package copies, typed fields for what went wrong, and `details` (what the HTTP API
 * answers as `error.details`).
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
  | "image_build_failed"
  | "runtime_not_registered";

const MARKER = Symbol.for("warmbox.engine-error");

/** An engine error class, for the `this` of `isInstance`. */
type EngineErrorClass = new (...args: never[]) => EngineError;

/**
 * Base of every engine error.
 *
 * @typeParam Code the stable code of the class
 * @typeParam Details the shape of `details`
 */
export class EngineError<
  Code extends EngineErrorCode = EngineErrorCode,
  Details = unknown,
> extends Error {
  readonly [MARKER] = true;
  override readonly name: string = "EngineError";

  constructor(
    readonly code: Code,
    message: string,
    readonly details: Details,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /**
   * True for an error of this class, even one thrown by another copy of this package (matched by
   * its `code`; `EngineError.isInstance` is true for every engine error).
   *
   * @example
   * ```ts
   * if (LimitExceededError.isInstance(error)) console.log(error.field, error.maximum);
   * ```
   */
  static isInstance<T extends EngineErrorClass>(this: T, value: unknown): value is InstanceType<T> {
    if (typeof value !== "object" || value === null || !(MARKER in value)) return false;
    // `this` is the class isInstance was called on: its static `code` (none on EngineError).
    // biome-ignore lint/complexity/noThisInStatic: the subclass decides which code matches
    const code = (this as { code?: EngineErrorCode }).code;
    return code === undefined || (value as EngineError).code === code;
  }
}

/** One problem with a request: the path of the field and what is wrong with it. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** The request does not match ExecuteRequest; `details` lists every field at fault. */
export class InvalidRequestError extends EngineError<"invalid_request", FieldIssue[]> {
  static readonly code = "invalid_request";
  override readonly name = "InvalidRequestError";

  constructor(message: string, details: FieldIssue[]) {
    super(InvalidRequestError.code, message, details);
  }
}

/** No language (or no version of it) answers to the requested id. */
export class UnknownLanguageError extends EngineError<"unknown_language", { available: string[] }> {
  static readonly code = "unknown_language";
  override readonly name = "UnknownLanguageError";

  constructor(
    message: string,
    /** The ids a request may name instead (empty when not known). */
    readonly available: string[],
  ) {
    super(UnknownLanguageError.code, message, { available });
  }
}

/** A requested limit is above the operator's maximum: rejected, never clamped. */
export class LimitExceededError extends EngineError<
  "limit_exceeded",
  { field: string; requested: number | boolean; maximum: number | boolean }
> {
  static readonly code = "limit_exceeded";
  override readonly name = "LimitExceededError";

  constructor(
    /** The limit, as a request path ("limits.timeMs"). */
    readonly field: string,
    /** What the request asked for. */
    readonly requested: number | boolean,
    /** The operator's maximum. */
    readonly maximum: number | boolean,
  ) {
    super(
      LimitExceededError.code,
      `${field} is ${String(requested)}, above the maximum of ${String(maximum)}`,
      { field, requested, maximum },
    );
  }
}

/** Every sandbox is busy and the wait queue is full; try again later. */
export class OverloadedError extends EngineError<"overloaded", { queueLength: number }> {
  static readonly code = "overloaded";
  override readonly name = "OverloadedError";

  constructor(
    /** How many requests were waiting. */
    readonly queueLength: number,
  ) {
    super(
      OverloadedError.code,
      `the execution queue is full (${queueLength} waiting); try again shortly`,
      { queueLength },
    );
  }
}

/** Docker cannot be reached, or an image is missing: nothing the request can fix. */
export class EngineUnavailableError extends EngineError<"engine_unavailable", undefined> {
  static readonly code = "engine_unavailable";
  override readonly name = "EngineUnavailableError";

  constructor(message: string, options?: { cause?: unknown }) {
    super(EngineUnavailableError.code, message, undefined, options);
  }
}

/**
 * The sandboxes could hold more memory than the Docker host has (every pool at its `max`,
 * capped by `maxSandboxes`): lower `pool.max`, `maxSandboxes` or the memory limits.
 */
export class MemoryOvercommitError extends EngineError<
  "memory_overcommit",
  { committedBytes: number; hostBytes: number }
> {
  static readonly code = "memory_overcommit";
  override readonly name = "MemoryOvercommitError";

  constructor(
    /** The memory every sandbox could hold at once, in bytes. */
    readonly committedBytes: number,
    /** The Docker host's memory, in bytes. */
    readonly hostBytes: number,
  ) {
    const mib = (bytes: number) => Math.round(bytes / 1_048_576);
    super(
      MemoryOvercommitError.code,
      `the sandboxes may use ${mib(committedBytes)} MiB, more than the Docker host's ${mib(hostBytes)} MiB; lower pool.max, maxSandboxes or the memory limits`,
      { committedBytes, hostBytes },
    );
  }
}

/** The engine was closed; it takes no more work. */
export class EngineClosedError extends EngineError<"engine_closed", undefined> {
  static readonly code = "engine_closed";
  override readonly name = "EngineClosedError";

  constructor() {
    super(EngineClosedError.code, "the engine is closed", undefined);
  }
}

/** The caller's AbortSignal fired before the run started; its reason is the `cause`. */
export class AbortedError extends EngineError<"aborted", undefined> {
  static readonly code = "aborted";
  override readonly name = "AbortedError";

  constructor(reason?: unknown) {
    super(AbortedError.code, "the execution was aborted before it started", undefined, {
      cause: reason,
    });
  }
}

/** Building a runner image failed; `message` holds the end of the build log. */
export class ImageBuildError extends EngineError<"image_build_failed", undefined> {
  static readonly code = "image_build_failed";
  override readonly name = "ImageBuildError";

  constructor(message: string) {
    super(ImageBuildError.code, message, undefined);
  }
}

/**
 * The Docker daemon has no runtime of this name, which the engine's `runtime` (or a language's)
 * needs; `message` says how to register it.
 */
export class RuntimeNotRegisteredError extends EngineError<
  "runtime_not_registered",
  { runtime: string; registered: string[] }
> {
  static readonly code = "runtime_not_registered";
  override readonly name = "RuntimeNotRegisteredError";

  constructor(
    /** The Docker runtime missing ("runsc"). */
    readonly runtime: string,
    /** The runtimes the daemon has. */
    readonly registered: string[],
  ) {
    super(
      RuntimeNotRegisteredError.code,
      `the Docker daemon has no runtime '${runtime}' (it has ${registered.join(", ") || "none"}); ` +
        "register gVisor with `bash scripts/ensure-runsc` (as root: installs runsc, adds the runtime " +
        "'runsc' to /etc/docker/daemon.json and reloads dockerd), or choose the runtime 'runc'",
      { runtime, registered },
    );
  }
}
