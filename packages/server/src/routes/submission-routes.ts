import { fieldIssues, InvalidRequestError, UnknownLanguageError } from "@warmbox/engine";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { HttpError } from "../errors/http-error.js";
import { InvalidListQueryError } from "../submissions/store/submission-store-errors.js";
import { submissionAnswer } from "../submissions/submission-answer.js";
import type { SubmissionRecord } from "../submissions/submission-record.js";
import type { SubmissionService } from "../submissions/submission-service.js";
import { disconnectSignal } from "./execute-route.js";

/**
 * Longest `?wait=true` holds a request before answering what it has (202): long enough for
 * most runs, short enough to stay under load balancers' idle timeouts (60 s on AWS).
 */
export const SUBMISSION_WAIT_MS = 30_000;
/** Submissions per page of a listing when `limit` is not given. */
export const DEFAULT_LIST_LIMIT = 20;

/** The body of `POST /v1/submissions`. */
export const submissionBodySchema = z
  .object({
    /** `execute` (an ExecuteRequest) or `judge` (a JudgeRequest). */
    kind: z.enum(["execute", "judge"]),
    /** The request, validated as `/v1/execute` or `/v1/judge` would. */
    request: z.record(z.string(), z.unknown()),
    /** Where the finished submission is POSTed (signed; see docs/api.md). */
    callbackUrl: z.string().optional(),
  })
  .strict();

const submitQuerySchema = z.object({ wait: z.enum(["true", "false"]).optional() });

const listQuerySchema = z.object({
  status: z.enum(["queued", "running", "done"]).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(DEFAULT_LIST_LIMIT),
  cursor: z.string().min(1).max(1_024).optional(),
});

export interface SubmissionRoutesOptions {
  submissions: SubmissionService;
}

/** Who owns what a request submits or reads: its API key's id, "" on a server without keys. */
export function ownerOf(request: FastifyRequest): string {
  return request.apiKeyId ?? "";
}

/** Parses `input` with `schema`, or throws InvalidRequestError naming each field at fault. */
function parse<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  subject: string,
): z.output<Schema> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = fieldIssues(parsed.error, `(${subject})`);
  throw new InvalidRequestError(
    `invalid ${subject}: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join("; ")}`,
    issues,
  );
}

/** `items[0].work.request.source` → `request.source`: a single submission's own field names. */
const ownField = (text: string) => text.replaceAll(/items\[0\]\.(work\.)?/g, "");

/** Submits one body; the service's errors name its fields as the body does. */
async function submitOne(
  submissions: SubmissionService,
  owner: string,
  body: z.output<typeof submissionBodySchema>,
): Promise<SubmissionRecord> {
  const work = { kind: body.kind, request: body.request } as SubmissionRecord["work"];
  try {
    const [record] = await submissions.submit(owner, [{ work, callbackUrl: body.callbackUrl }]);
    return record as SubmissionRecord;
  } catch (error) {
    if (InvalidRequestError.isInstance(error)) {
      throw new InvalidRequestError(
        ownField(error.message),
        error.details.map((issue) => ({ ...issue, path: ownField(issue.path) })),
      );
    }
    if (UnknownLanguageError.isInstance(error)) {
      throw new UnknownLanguageError(ownField(error.message), error.available);
    }
    throw error;
  }
}

const notFound = (id: string) =>
  new HttpError({ statusCode: 404, code: "not_found", message: `no submission ${id}` });

/**
 * The native asynchronous API:
 * - `POST /v1/submissions` `{ kind, request, callbackUrl? }`: stored and answered 202 `{ id }`
 *   at once; with `?wait=true` answered when done (200, the submission) or after
 *   SUBMISSION_WAIT_MS (202, the submission as it is).
 * - `GET /v1/submissions/:id`: the submission (SubmissionAnswer).
 * - `GET /v1/submissions?status=&limit=&cursor=`: the caller's own, newest first.
 * - `DELETE /v1/submissions/:id`: 204.
 * - `GET /v1/submissions/callback-secret`: `{ secret }`, the key that signs this API key's
 *   callbacks (each API key has its own; see docs/api.md).
 * A submission belongs to the API key that made it; any other key gets 404.
 *
 * @example
 * ```sh
 * curl -s localhost:8080/v1/submissions -H 'content-type: application/json' \
 *   -d '{"kind":"execute","request":{"language":"python","source":"print(1)"}}'
 * ```
 */
export function registerSubmissionRoutes(
  app: FastifyInstance,
  { submissions }: SubmissionRoutesOptions,
): void {
  app.post("/v1/submissions", async (request, reply) => {
    const { wait } = parse(submitQuerySchema, request.query, "query");
    const body = parse(submissionBodySchema, request.body, "submission");
    const owner = ownerOf(request);
    const record = await submitOne(submissions, owner, body);
    if (wait !== "true") return reply.code(202).send({ id: record.id });
    const signal = disconnectSignal(reply);
    const latest =
      (await submissions.waitUntilDone(owner, record.id, SUBMISSION_WAIT_MS, signal)) ?? record;
    return reply.code(latest.state === "done" ? 200 : 202).send(submissionAnswer(latest));
  });

  // A static path: Fastify matches it before the parametric /v1/submissions/:id.
  app.get("/v1/submissions/callback-secret", async (request) => ({
    secret: submissions.callbackSecret(ownerOf(request)),
  }));

  app.get<{ Params: { id: string } }>("/v1/submissions/:id", async (request) => {
    const record = await submissions.get(ownerOf(request), request.params.id);
    if (record === undefined) throw notFound(request.params.id);
    return submissionAnswer(record);
  });

  app.get("/v1/submissions", async (request) => {
    const query = parse(listQuerySchema, request.query, "query");
    const page = await submissions
      .list({
        owner: ownerOf(request),
        state: query.status,
        limit: query.limit,
        cursor: query.cursor,
      })
      .catch((error: unknown) => {
        if (!InvalidListQueryError.isInstance(error)) throw error;
        throw new InvalidRequestError(error.message, [
          { path: error.field, message: error.message },
        ]);
      });
    return { items: page.items.map(submissionAnswer), nextCursor: page.nextCursor };
  });

  app.delete<{ Params: { id: string } }>("/v1/submissions/:id", async (request, reply) => {
    if (!(await submissions.delete(ownerOf(request), request.params.id))) {
      throw notFound(request.params.id);
    }
    return reply.code(204).send();
  });
}
