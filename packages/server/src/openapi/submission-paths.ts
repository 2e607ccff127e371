import {
  executeRequestSchema,
  executeResultSchema,
  judgeRequestSchema,
  judgeResultSchema,
} from "@warmbox/engine";
import { z } from "zod";
import { DEFAULT_LIST_LIMIT, SUBMISSION_WAIT_MS } from "../routes/submission-routes.js";
import {
  SIGNATURE_HEADER,
  SIGNATURE_TOLERANCE_SECONDS,
} from "../submissions/callback-signature.js";
import { COMMON_ERRORS, errorResponse, json, ref } from "./openapi-parts.js";

/** The request schemas of the submission routes, by component name. */
export const submissionInputSchemas = {
  SubmissionRequest: z
    .object({
      kind: z.enum(["execute", "judge"]),
      request: z.union([executeRequestSchema, judgeRequestSchema]),
      callbackUrl: z.string().optional(),
    })
    .strict(),
};

const submissionSchema = z.object({
  id: z.string(),
  state: z.enum(["queued", "running", "done"]),
  kind: z.enum(["execute", "judge"]),
  request: z.unknown(),
  result: z.union([executeResultSchema, judgeResultSchema]).optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  attempts: z.number().int(),
  callback: z
    .object({
      url: z.string(),
      state: z.enum(["none", "pending", "delivered", "failed"]),
      attempts: z.number().int(),
    })
    .optional(),
  createdAt: z.string(),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
});

/** The answer schemas of the submission routes, by component name. */
export const submissionOutputSchemas = {
  Submission: submissionSchema,
  SubmissionPage: z.object({ items: z.array(submissionSchema), nextCursor: z.string().optional() }),
};

const idParameter = { name: "id", in: "path", required: true, schema: { type: "string" } };
const notFound = errorResponse("not_found: no such submission of this API key");

/** `/v1/submissions`, `/v1/submissions/callback-secret` and `/v1/submissions/{id}`. */
export const submissionPaths = {
  "/v1/submissions": {
    post: {
      operationId: "createSubmission",
      summary: "Queue an execute or judge request; its result is kept, fetched later or POSTed",
      description: `Stored at once (answered 202 \`{ id }\`) and run by whichever server instance has a free sandbox. With \`?wait=true\` the answer waits up to ${SUBMISSION_WAIT_MS / 1_000} s: 200 with the finished submission, or 202 with it as it is. A \`callbackUrl\` gets the finished submission as a JSON POST (up to 3 tries with back-off) signed in the \`${SIGNATURE_HEADER}\` header: \`t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" keyed by the caller's callback secret>\` (each API key has its own: \`GET /v1/submissions/callback-secret\`); a receiver recomputes it, compares in constant time and refuses a \`t\` more than ${SIGNATURE_TOLERANCE_SECONDS} s away. A key may have a bounded number of submissions unfinished (queued or running, \`WARMBOX_MAX_UNFINISHED_PER_KEY\`); past it the request is a 429 \`too_many_submissions\` with Retry-After and nothing is stored. It may keep a bounded number stored, finished ones included (\`WARMBOX_MAX_STORED_PER_KEY\`): past it, 429 \`too_many_stored_submissions\`. Callback URLs must be http(s) and reach a public address unless the operator allows private ones (400 otherwise). A server that stops mid-run re-runs the work once (\`attempts: 2\`).`,
      parameters: [
        {
          name: "wait",
          in: "query",
          required: false,
          schema: { type: "string", enum: ["true", "false"] },
        },
      ],
      requestBody: { required: true, content: json(ref("SubmissionRequest")) },
      responses: {
        "200": {
          description: "with ?wait=true: the finished submission",
          content: json(ref("Submission")),
        },
        "202": {
          description: "queued: `{ id }`, or with ?wait=true the submission as it is",
          content: json({
            oneOf: [
              { type: "object", properties: { id: { type: "string" } }, required: ["id"] },
              ref("Submission"),
            ],
          }),
        },
        ...COMMON_ERRORS,
      },
    },
    get: {
      operationId: "listSubmissions",
      summary: "The caller's own submissions, newest first",
      parameters: [
        {
          name: "status",
          in: "query",
          required: false,
          schema: { type: "string", enum: ["queued", "running", "done"] },
        },
        {
          name: "limit",
          in: "query",
          required: false,
          schema: { type: "integer", minimum: 1, maximum: 100, default: DEFAULT_LIST_LIMIT },
        },
        {
          name: "cursor",
          in: "query",
          required: false,
          schema: { type: "string" },
          description:
            "`nextCursor` of the previous page; 400 if that page's last submission was deleted or expired since",
        },
      ],
      responses: {
        "200": { description: "a page", content: json(ref("SubmissionPage")) },
        "400": COMMON_ERRORS["400"],
        "401": COMMON_ERRORS["401"],
        "429": COMMON_ERRORS["429"],
      },
    },
  },
  "/v1/submissions/callback-secret": {
    get: {
      operationId: "getCallbackSecret",
      summary: "The secret that signs the caller's callbacks",
      description: `Each API key's callbacks are signed with a secret of its own (the hex HMAC-SHA256 of the key's id keyed by the server's callback secret), so one key's secret verifies no other key's callbacks. Verify the \`${SIGNATURE_HEADER}\` header with it.`,
      responses: {
        "200": {
          description: "`{ secret }`",
          content: json({
            type: "object",
            properties: { secret: { type: "string", pattern: "^[0-9a-f]{64}$" } },
            required: ["secret"],
          }),
        },
        "401": COMMON_ERRORS["401"],
        "429": COMMON_ERRORS["429"],
      },
    },
  },
  "/v1/submissions/{id}": {
    get: {
      operationId: "getSubmission",
      summary: "A submission: its state, and its result once done",
      parameters: [idParameter],
      responses: {
        "200": { description: "the submission", content: json(ref("Submission")) },
        "401": COMMON_ERRORS["401"],
        "404": notFound,
        "429": COMMON_ERRORS["429"],
      },
    },
    delete: {
      operationId: "deleteSubmission",
      summary: "Delete a submission (a running one is stopped)",
      parameters: [idParameter],
      responses: {
        "204": { description: "deleted" },
        "401": COMMON_ERRORS["401"],
        "404": notFound,
        "429": COMMON_ERRORS["429"],
      },
    },
  },
};
