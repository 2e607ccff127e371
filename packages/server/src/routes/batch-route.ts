import { fieldIssues, InvalidRequestError } from "@warmbox/engine";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { mapError, v1ErrorBody } from "../errors/error-answer.js";
import type { ExecutionService } from "../execution/execution-service.js";
import type { FanOutLimits } from "../http/fan-out-limits.js";
import { type BatchItemError, type BatchResponse, batchShapeSchema } from "./batch-schema.js";
import { disconnectSignal } from "./execute-route.js";

export interface BatchRouteOptions {
  executions: ExecutionService;
  limits: FanOutLimits;
  maxBodyBytes: number;
}

/** The batch's requests, or 400 `invalid_request` naming what is wrong with its shape. */
function batchRequests(body: unknown): Record<string, unknown>[] {
  const parsed = batchShapeSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issues = fieldIssues(parsed.error, "body");
  const first = issues[0];
  const where = first === undefined || first.path === "body" ? "" : ` (${first.path})`;
  throw new InvalidRequestError(`invalid batch: ${first?.message ?? "bad shape"}${where}`, issues);
}

function itemError(
  request: FastifyRequest,
  index: number,
  error: unknown,
  maxBodyBytes: number,
): BatchItemError {
  const mapped = mapError(request, error, maxBodyBytes);
  return { index, status: mapped.statusCode, ...v1ErrorBody(request, mapped) };
}

/**
 * `POST /v1/batch`: 1 to 20 independent ExecuteRequests in one call, answered 200 with
 * `{ results }` in request order. Each request runs on its own, as if sent alone; one that
 * fails (bad request, unknown language, overloaded) gets its own error in its place and the
 * others still run. A body that is not an array of 1 to 20 objects is a 400 before anything
 * runs.
 *
 * Limits count a batch as the requests it holds: n requests cost n hits of the client's rate
 * limit (429 before anything runs when that is too many), and run at most as many at a time
 * as the client has concurrency slots free (its own slot plus those it borrows). The body
 * size cap applies to the batch as a whole. A client that disconnects kills its runs.
 *
 * @example
 * ```sh
 * curl -s localhost:8080/v1/batch -H 'content-type: application/json' \
 *   -d '[{"language":"python","source":"print(1)"},{"language":"c","source":"int main(){}"}]'
 * ```
 */
export function registerBatchRoute(app: FastifyInstance, options: BatchRouteOptions): void {
  const { executions, limits, maxBodyBytes } = options;
  app.post("/v1/batch", async (request, reply): Promise<BatchResponse> => {
    const requests = batchRequests(request.body);
    await limits.charge(request, requests.length - 1);
    const signal = disconnectSignal(reply);
    const slots = limits.borrowSlots(request, requests.length - 1);
    try {
      const outcomes = await executions.executeBatch(requests, {
        parallelism: 1 + slots.count,
        signal,
      });
      return {
        results: outcomes.map((outcome, index) =>
          outcome.status === "fulfilled"
            ? outcome.value
            : itemError(request, index, outcome.reason, maxBodyBytes),
        ),
      };
    } finally {
      slots.release();
    }
  });
}
