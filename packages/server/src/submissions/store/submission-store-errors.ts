/** Stable codes of the store's errors. */
export type SubmissionStoreErrorCode =
  | "invalid_database_url"
  | "database_unavailable"
  | "invalid_list_query";

const MARKER = Symbol.for("warmbox.submission-store-error");

/** A store error class, for the `this` of `isInstance`. */
type SubmissionStoreErrorClass = new (...args: never[]) => SubmissionStoreError;

/** Base of the errors a submission store throws, each with a stable `code`. */
export class SubmissionStoreError<
  Code extends SubmissionStoreErrorCode = SubmissionStoreErrorCode,
> extends Error {
  readonly [MARKER] = true;
  override readonly name: string = "SubmissionStoreError";

  constructor(
    readonly code: Code,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** True for an error of this class, even from another copy of this module (matched by code). */
  static isInstance<T extends SubmissionStoreErrorClass>(
    this: T,
    value: unknown,
  ): value is InstanceType<T> {
    if (typeof value !== "object" || value === null || !(MARKER in value)) return false;
    // biome-ignore lint/complexity/noThisInStatic: the subclass decides which code matches
    const code = (this as { code?: SubmissionStoreErrorCode }).code;
    return code === undefined || (value as SubmissionStoreError).code === code;
  }
}

/** `WARMBOX_DATABASE_URL` is not a URL this server can use; the message says what was expected. */
export class InvalidDatabaseUrlError extends SubmissionStoreError<"invalid_database_url"> {
  static readonly code = "invalid_database_url";
  override readonly name = "InvalidDatabaseUrlError";

  constructor(message: string, options?: { cause?: unknown }) {
    super("invalid_database_url", message, options);
  }
}

/** The database could not be opened or reached (the message names which, never a password). */
export class DatabaseUnavailableError extends SubmissionStoreError<"database_unavailable"> {
  static readonly code = "database_unavailable";
  override readonly name = "DatabaseUnavailableError";

  constructor(message: string, options?: { cause?: unknown }) {
    super("database_unavailable", message, options);
  }
}

/** A listing asked for something out of bounds: `field` is "limit" or "cursor". */
export class InvalidListQueryError extends SubmissionStoreError<"invalid_list_query"> {
  static readonly code = "invalid_list_query";
  override readonly name = "InvalidListQueryError";

  constructor(
    readonly field: "limit" | "cursor",
    message: string,
  ) {
    super("invalid_list_query", message);
  }
}
