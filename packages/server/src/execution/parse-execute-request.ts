import {
  type ExecuteRequest,
  executeRequestSchema,
  type FieldIssue,
  InvalidRequestError,
} from "@warmbox/engine";
import type { z } from "zod";

/** Most issues named in an error message (all of them are in `details`). */
const MAX_ISSUES_IN_MESSAGE = 3;

/** A zod issue path as the error's `details` name it: `files[0].name`. */
export function issuePath(path: ReadonlyArray<PropertyKey>): string {
  let text = "";
  for (const key of path) {
    if (typeof key === "number") text += `[${key}]`;
    else text += text === "" ? String(key) : `.${String(key)}`;
  }
  return text === "" ? "body" : text;
}

/** Every issue of a zod error as a FieldIssue list (the error's `details`). */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issuePath(issue.path), message: issue.message }));
}

/** An InvalidRequestError whose message names the first fields at fault. */
export function invalidRequest(issues: FieldIssue[]): InvalidRequestError {
  const named = issues
    .slice(0, MAX_ISSUES_IN_MESSAGE)
    .map((issue) => `${issue.path}: ${issue.message}`)
    .join("; ");
  const more =
    issues.length > MAX_ISSUES_IN_MESSAGE
      ? ` (and ${issues.length - MAX_ISSUES_IN_MESSAGE} more)`
      : "";
  return new InvalidRequestError(`invalid request: ${named}${more}`, issues);
}

/**
 * Validates a body against the engine's own ExecuteRequest schema (the one the OpenAPI document
 * is generated from) and returns it unchanged, or throws InvalidRequestError naming the fields.
 */
export function parseExecuteRequest(body: unknown): ExecuteRequest {
  const parsed = executeRequestSchema.safeParse(body);
  if (!parsed.success) throw invalidRequest(fieldIssues(parsed.error));
  return body as ExecuteRequest;
}
