import type { ExecuteRequest, ExecuteResult } from "@warmbox/engine";
import { z } from "zod";
import type { ErrorBody } from "../errors/error-answer.js";

/**
 * Most requests one batch may carry: enough for a page of exercises, few enough that one
 * answer (each run's output is in it) stays small.
 */
export const MAX_BATCH_REQUESTS = 20;

/**
 * The shape of a batch, checked before anything runs: a JSON array of 1 to 20 objects. Each
 * object is then validated as an ExecuteRequest on its own, so one bad request gets its own
 * error and the rest still run.
 */
export const batchShapeSchema = z
  .array(z.record(z.string(), z.unknown(), { error: "an execute request is a JSON object" }), {
    error: "the body of a batch is a JSON array of execute requests",
  })
  .min(1, "a batch holds at least one request")
  .max(MAX_BATCH_REQUESTS, `a batch holds at most ${MAX_BATCH_REQUESTS} requests`);

/** The body of `POST /v1/batch`: 1 to 20 independent execute requests. */
export type BatchRequest = ExecuteRequest[];

/**
 * The answer, in a batch, for a request that got an error instead of a result: the error body
 * its own `POST /v1/execute` would have got, its place in the batch, and that answer's status.
 */
export interface BatchItemError extends ErrorBody {
  /** The request's position in the batch, 0-based. */
  index: number;
  /** The HTTP status a single request would have been answered with (400, 503, ...). */
  status: number;
}

/** The answer of `POST /v1/batch` (200): one entry per request, in request order. */
export interface BatchResponse {
  results: Array<ExecuteResult | BatchItemError>;
}
