import { z } from "zod";

/** The error body of docs/api.md. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
    requestId: z.string(),
  }),
});

/** A reference to a schema of the document's components. */
export const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
/** A JSON body of `schema`. */
export const json = (schema: unknown) => ({ "application/json": { schema } });
/** A JSON body of `schema` with named examples. */
export const jsonWithExamples = (schema: unknown, examples: Record<string, unknown>) => ({
  "application/json": { schema, examples },
});
/** An answer with the v1 error body. */
export const errorResponse = (description: string) => ({
  description,
  content: json(ref("Error")),
});

/** The error answers every v1 route that runs code may give. */
export const COMMON_ERRORS = {
  "400": errorResponse(
    "invalid_request, unknown_language or limit_exceeded; `details` names the fields",
  ),
  "401": errorResponse(
    "unauthorized: API keys are configured and the request has none or a wrong one",
  ),
  "403": errorResponse(
    "forbidden: a browser request from a foreign Origin, or a Host this server does not answer to",
  ),
  "413": errorResponse("payload_too_large: the body is above the configured size"),
  "429": errorResponse(
    "rate_limited: over the per-minute rate or the per-client concurrency limit; too_many_submissions: the key's unfinished asynchronous submissions would pass their bound (Retry-After says when to retry); too_many_stored_submissions: the key keeps as many submissions as it may, until it deletes some or retention does",
  ),
  "500": errorResponse("internal_error: a bug or a dead Docker daemon; logged with the request id"),
  "503": errorResponse("overloaded: the queue is full; Retry-After says when to retry"),
};
