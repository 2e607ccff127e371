import type { EventSourceMessage } from "eventsource-parser/stream";
import type { ApiEndpoint } from "./api-auth.js";
import { networkError } from "./api-error.js";
import type { ExecuteRequest, ExecuteResult, StageResult } from "./api-types.js";
import { postEventStream } from "./event-stream.js";
import type { RunListener, RunOutcome, RunSession } from "./run-session.js";

/**
 * A batch run streamed over Server-Sent Events: `POST /v1/execute` with
 * `Accept: text/event-stream`. stdin is sent whole with the request; stopping aborts the request,
 * which the server answers by killing the run.
 */
export function startSseRun(
  endpoint: ApiEndpoint,
  request: ExecuteRequest,
  listener: RunListener,
): RunSession {
  const controller = new AbortController();
  let stopped = false;
  const done = run(endpoint, request, listener, controller.signal).then(
    (outcome): RunOutcome => (stopped ? { kind: "stopped", result: null } : outcome),
    (): RunOutcome =>
      stopped ? { kind: "stopped", result: null } : { kind: "error", error: networkError() },
  );
  return {
    interactive: false,
    sendStdin: () => {},
    closeStdin: () => {},
    stop: () => {
      if (stopped) return;
      stopped = true;
      controller.abort();
    },
    done,
  };
}

function run(
  endpoint: ApiEndpoint,
  request: ExecuteRequest,
  listener: RunListener,
  signal: AbortSignal,
): Promise<RunOutcome> {
  return postEventStream(endpoint, "/v1/execute", request, signal, {
    json: (body) => {
      const result = body as ExecuteResult;
      if (result.compile) listener.onCompile(result.compile);
      if (result.run?.stdout) listener.onStdout(result.run.stdout);
      if (result.run?.stderr) listener.onStderr(result.run.stderr);
      return { kind: "result", result };
    },
    event: (event) => handle(event, listener),
    error: (error) => ({ kind: "error", error }),
  });
}

function handle(event: EventSourceMessage, listener: RunListener): RunOutcome | null {
  switch (event.event) {
    case "stdout":
      // The server splits a chunk into data lines at its line breaks; the parser joins them with LF.
      listener.onStdout(event.data);
      return null;
    case "stderr":
      listener.onStderr(event.data);
      return null;
    case "compile":
      listener.onCompile(JSON.parse(event.data) as StageResult);
      return null;
    case "result":
      return { kind: "result", result: JSON.parse(event.data) as ExecuteResult };
    default:
      return null;
  }
}
