import type { z } from "zod";
import { type FieldIssue, InvalidRequestError } from "../errors/engine-errors.js";

/** Most issues named in an error's message; its `details` hold every one. */
const MAX_ISSUES_IN_MESSAGE = 3;

/**
 * A field's path as every Warmbox error names it, in the library and over HTTP alike:
 * `files[0].name`, `limits.timeMs`; `root` for the input as a whole (e.g. an unknown key).
 */
export function fieldPath(path: ReadonlyArray<PropertyKey>, root: string): string {
  let text = "";
  for (const key of path) {
    if (typeof key === "number") text += `[${key}]`;
    else text += text === "" ? String(key) : `.${String(key)}`;
  }
  return text === "" ? root : text;
}

/** Every issue of a zod error, each naming its field (see fieldPath). */
export function fieldIssues(error: z.ZodError, root: string): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: fieldPath(issue.path, root),
    message: issue.message,
  }));
}

/** `files[0].name: …; stdin: … (and 2 more)`: the first issues, for an error's message. */
function summary(issues: readonly FieldIssue[]): string {
  const named = issues
    .slice(0, MAX_ISSUES_IN_MESSAGE)
    .map((issue) => `${issue.path}: ${issue.message}`)
    .join("; ");
  const more = issues.length - MAX_ISSUES_IN_MESSAGE;
  return more > 0 ? `${named} (and ${more} more)` : named;
}

/**
 * An InvalidRequestError about `subject` ("request", "engine options"): its message names the
 * first fields at fault, its `details` every one.
 */
export function invalidInput(subject: string, issues: FieldIssue[]): InvalidRequestError {
  return new InvalidRequestError(`invalid ${subject}: ${summary(issues)}`, issues);
}

/**
 * Parses `input` with `schema`, or throws InvalidRequestError naming every field at fault, the
 * input as a whole being `(subject)`.
 */
export function parseOrThrow<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  subject: string,
): z.output<Schema> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw invalidInput(subject, fieldIssues(parsed.error, `(${subject})`));
  return parsed.data;
}
