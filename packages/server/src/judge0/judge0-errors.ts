/**
 * A Judge0-shaped refusal: the status and the body Judge0 answers, e.g. 422
 * `{ "language_id": ["can't be blank"] }` for bad fields or 400 `{ "error": "..." }`.
 * The Judge0 routes' error handler answers it as is.
 */
export class Judge0Error extends Error {
  override readonly name = "Judge0Error";
  readonly code = "judge0_error";

  constructor(
    readonly statusCode: number,
    readonly body: Record<string, unknown>,
  ) {
    super(typeof body.error === "string" ? body.error : JSON.stringify(body));
  }

  /** 400 (or another status) `{ error }`, the shape of Judge0's request-level errors. */
  static message(statusCode: number, error: string): Judge0Error {
    return new Judge0Error(statusCode, { error });
  }

  static isInstance(value: unknown): value is Judge0Error {
    return value instanceof Error && value.name === "Judge0Error" && "body" in value;
  }
}

/** Messages per field, as Rails validations give them (`{ field: [messages] }`). */
export type FieldErrors = Record<string, string[]>;

/** 422 with the fields at fault, as Judge0 answers a submission it cannot accept. */
export function unprocessable(errors: FieldErrors): Judge0Error {
  return new Judge0Error(422, errors);
}

/** Judge0's answer when an output is not valid UTF-8 and base64 was not asked for. */
export const NOT_UTF8_MESSAGE =
  "some attributes for this submission cannot be converted to UTF-8, use base64_encoded=true query parameter";
export const NOT_UTF8_MANY_MESSAGE =
  "some attributes for one or more submissions cannot be converted to UTF-8, use base64_encoded=true query parameter";
