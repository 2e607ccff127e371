import {
  executeRequestSchema,
  executeResultSchema,
  judgeRequestSchema,
  judgeResultSchema,
} from "@warmbox/engine";
import { z } from "zod";
import { MAX_BATCH_REQUESTS } from "../routes/batch-schema.js";
import {
  batchRequestExample,
  batchResponseExample,
  judgeCheckerExample,
  judgeRequestExample,
  judgeResultExample,
} from "./openapi-examples.js";
import {
  COMMON_ERRORS,
  errorBodySchema,
  errorResponse,
  jsonWithExamples,
  ref,
} from "./openapi-parts.js";

/** A batch's answer for a request that got an error: its error body, its index and status. */
const batchItemErrorSchema = errorBodySchema.extend({
  index: z.number().int(),
  status: z.number().int(),
});

/** The request schemas of the judge and batch routes, by component name. */
export const judgeBatchInputSchemas = {
  JudgeRequest: judgeRequestSchema,
  BatchRequest: z.array(executeRequestSchema).min(1).max(MAX_BATCH_REQUESTS),
};

/** The answer schemas of the judge and batch routes, by component name. */
export const judgeBatchOutputSchemas = {
  JudgeResult: judgeResultSchema,
  BatchItemError: batchItemErrorSchema,
  BatchResponse: z.object({
    results: z.array(z.union([executeResultSchema, batchItemErrorSchema])),
  }),
};

const judgeRequestContent = jsonWithExamples(ref("JudgeRequest"), {
  "two-tests": { summary: "C++ on two tests, compared token by token", value: judgeRequestExample },
  checker: { summary: "a checker program in another language decides", value: judgeCheckerExample },
});

/** `/v1/batch`, `/v1/judge` and `/v1/judge/stream`. */
export const judgeBatchPaths = {
  "/v1/batch": {
    post: {
      operationId: "executeBatch",
      summary: `Run 1 to ${MAX_BATCH_REQUESTS} independent programs in one call`,
      description:
        "Each request runs on its own, as if sent alone to /v1/execute; one that fails gets its own error (its error body, `index` and the `status` it would have had) in its place, and the others still run. A batch of n requests counts as n requests of the rate limit, and runs at most as many at once as the client has concurrency slots free. The body size limit applies to the whole batch.",
      requestBody: {
        required: true,
        content: jsonWithExamples(ref("BatchRequest"), {
          "bad-item": { value: batchRequestExample },
        }),
      },
      responses: {
        "200": {
          description: "one result or error per request, in request order",
          content: jsonWithExamples(ref("BatchResponse"), {
            "bad-item": { value: batchResponseExample },
          }),
        },
        "400": errorResponse(
          `invalid_request: the body is not an array of 1 to ${MAX_BATCH_REQUESTS} objects`,
        ),
        "401": COMMON_ERRORS["401"],
        "403": COMMON_ERRORS["403"],
        "413": COMMON_ERRORS["413"],
        "429": COMMON_ERRORS["429"],
      },
    },
  },
  "/v1/judge": {
    post: {
      operationId: "judge",
      summary: "Judge a submission: compile once, run every test, a verdict for each",
      description:
        "A judge counts as one request of the rate limit; its tests run at most as many at once as the client has concurrency slots free. The body size limit applies to the whole request, tests included.",
      requestBody: { required: true, content: judgeRequestContent },
      responses: {
        "200": {
          description: "the verdicts (200 whatever they are)",
          content: jsonWithExamples(ref("JudgeResult"), {
            "two-tests": { value: judgeResultExample },
          }),
        },
        ...COMMON_ERRORS,
      },
    },
  },
  "/v1/judge/stream": {
    post: {
      operationId: "judgeStream",
      summary: "Judge a submission, its verdicts streamed as Server-Sent Events",
      requestBody: { required: true, content: judgeRequestContent },
      responses: {
        "200": {
          description:
            "Events `compile` (data: StageResult JSON, `null` for a language without a compile stage), then `test` (data: JudgeTestResult JSON, its `index` giving its place) as each test finishes, then `result` (data: JudgeResult JSON); `error` (data: Error JSON) if the judge fails after the stream opened.",
          content: { "text/event-stream": { schema: { type: "string" } } },
        },
        ...COMMON_ERRORS,
      },
    },
  },
};
