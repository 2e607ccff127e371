import type { JudgeResult, JudgeTestResult, StageResult } from "@warmbox/engine";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ErrorBody } from "../errors/error-answer.js";
import type { ExecutionService } from "../execution/execution-service.js";
import type { FanOutLimits } from "../http/fan-out-limits.js";
import { answerWithEvents } from "./event-stream-answer.js";
import { disconnectSignal } from "./execute-route.js";
import { boundJudgeConcurrency } from "./judge-concurrency.js";

/** The events of `POST /v1/judge/stream`, by name: what each one's data holds, as JSON. */
export interface JudgeStreamEvents {
  /** The compile stage; null for a language without one. Always the first event. */
  compile: StageResult | null;
  /** One finished test (in finishing order). */
  test: JudgeTestResult;
  /** The whole judgement; the last event. */
  result: JudgeResult;
  /** The judge failed after the stream opened; the last event. */
  error: ErrorBody;
}

export interface JudgeRoutesOptions {
  executions: ExecutionService;
  limits: FanOutLimits;
  maxBodyBytes: number;
}

/**
 * `POST /v1/judge` and `POST /v1/judge/stream`: a JudgeRequest (an ExecuteRequest plus
 * `tests`, `compare`, ...) compiled once and run once per test.
 * - `/v1/judge` answers the JudgeResult as JSON (200 whatever the verdict).
 * - `/v1/judge/stream` answers Server-Sent Events: `compile` (the StageResult, `null` for a
 *   language without a compile stage), then `test` (a JudgeTestResult, its `index` giving its
 *   place) as each test finishes, then `result` (the JudgeResult). Errors before the judge
 *   starts are JSON answers with their status; a failure after the stream opened is an `error`
 *   event.
 * A judge counts as one request of the rate limit; its tests run at most as many at once as its
 * client has concurrency slots free. A client that disconnects stops the judge and frees its
 * sandboxes.
 *
 * @example
 * ```sh
 * curl -s localhost:8080/v1/judge -H 'content-type: application/json' -d '{"language":"python",
 *   "source":"print(int(input())*2)","tests":[{"stdin":"2","expected":"4"},{"stdin":"5","expected":"10"}]}'
 * ```
 */
export function registerJudgeRoutes(app: FastifyInstance, options: JudgeRoutesOptions): void {
  app.post("/v1/judge", (request, reply) =>
    judge(request, reply, options, (body, signal) => options.executions.judge(body, { signal })),
  );
  app.post("/v1/judge/stream", (request, reply) =>
    judge(request, reply, options, (body, signal) =>
      answerWithEvents(request, reply, options.maxBodyBytes, async (events) => {
        const send = <Name extends keyof JudgeStreamEvents>(
          name: Name,
          data: JudgeStreamEvents[Name],
        ) => events.send(name, JSON.stringify(data));
        let compileSent = false;
        const sendCompile = (stage: StageResult | null) => {
          if (compileSent) return;
          compileSent = true;
          send("compile", stage);
        };
        const result = await options.executions.judge(body, {
          signal,
          onCompile: sendCompile,
          onTest: (test) => {
            // A language without a compile stage: its `compile` is null, still sent first.
            sendCompile(null);
            send("test", test);
          },
        });
        sendCompile(result.compile);
        send("result", result);
      }),
    ),
  );
}

/** Runs `answer` on the body bounded by the client's slots, and gives the slots back after. */
async function judge<T extends JudgeResult | FastifyReply>(
  request: FastifyRequest,
  reply: FastifyReply,
  options: JudgeRoutesOptions,
  answer: (body: unknown, signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const signal = disconnectSignal(reply);
  const { body, slots } = boundJudgeConcurrency(request.body, (wanted) =>
    options.limits.borrowSlots(request, wanted),
  );
  try {
    return await answer(body, signal);
  } finally {
    slots.release();
  }
}
