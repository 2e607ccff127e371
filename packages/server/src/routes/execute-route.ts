import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ExecutionService } from "../execution/execution-service.js";
import { wantsEventStream } from "../http/sse-stream.js";
import { answerWithEvents } from "./event-stream-answer.js";

export interface ExecuteRouteOptions {
  executions: ExecutionService;
  maxBodyBytes: number;
}

/** An AbortSignal that fires when the client goes away before its answer is written. */
export function disconnectSignal(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once("close", () => {
    if (!reply.raw.writableFinished) controller.abort(new Error("the client disconnected"));
  });
  return controller.signal;
}

/**
 * `POST /v1/execute`: an ExecuteRequest in, the ExecuteResult out (200 whatever the program
 * did). With `Accept: text/event-stream` the same run as Server-Sent Events: `stdout` and
 * `stderr` (text chunks) as the program writes, `compile` (StageResult), then `result`
 * (ExecuteResult). Errors before the run starts (bad request, unknown language, overloaded)
 * are ordinary JSON error answers; a failure after the stream opened is an `error` event.
 * A client that disconnects kills its run.
 *
 * @example
 * ```sh
 * curl -s localhost:8080/v1/execute -H 'content-type: application/json' \
 *   -d '{"language":"python","source":"print(1)"}'
 * ```
 */
export function registerExecuteRoute(app: FastifyInstance, options: ExecuteRouteOptions): void {
  app.post("/v1/execute", async (request, reply) => {
    const signal = disconnectSignal(reply);
    if (wantsEventStream(request.headers.accept)) {
      return streamExecution(request, reply, signal, options);
    }
    return options.executions.execute(request.body, { signal });
  });
}

function streamExecution(
  request: FastifyRequest,
  reply: FastifyReply,
  signal: AbortSignal,
  options: ExecuteRouteOptions,
): Promise<FastifyReply> {
  return answerWithEvents(request, reply, options.maxBodyBytes, async (events) => {
    const result = await options.executions.execute(request.body, {
      signal,
      onStart: () => events.open(),
      onStdout: (chunk) => events.send("stdout", chunk),
      onStderr: (chunk) => events.send("stderr", chunk),
      onCompile: (stage) => events.send("compile", JSON.stringify(stage)),
    });
    events.send("result", JSON.stringify(result));
  });
}
