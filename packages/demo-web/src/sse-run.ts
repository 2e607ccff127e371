import { type EventSourceMessage, EventSourceParserStream } from "eventsource-parser/stream";
import { type ApiEndpoint, apiKeyHeaders } from "./api-auth.js";
import { ApiError, errorFromResponse, networkError, streamedError } from "./api-error.js";
import type { ExecuteRequest, ExecuteResult, StageResult } from "./api-types.js";
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

async function run(
  endpoint: ApiEndpoint,
  request: ExecuteRequest,
  listener: RunListener,
  signal: AbortSignal,
): Promise<RunOutcome> {
  let response: Response;
  try {
    response = await fetch(`${endpoint.base}/v1/execute`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "text/event-stream",
        ...apiKeyHeaders(endpoint.apiKey),
      },
      body: JSON.stringify(request),
      signal,
      cache: "no-store",
    });
  } catch {
    return { kind: "error", error: networkError() };
  }
  if (!response.ok) return { kind: "error", error: await errorFromResponse(response) };

  // A server that answers with plain JSON (no streaming) still gives the result.
  if (!response.headers.get("content-type")?.includes("text/event-stream")) {
    const result = (await response.json()) as ExecuteResult;
    if (result.compile) listener.onCompile(result.compile);
    if (result.run?.stdout) listener.onStdout(result.run.stdout);
    if (result.run?.stderr) listener.onStderr(result.run.stderr);
    return { kind: "result", result };
  }
  if (!response.body)
    return { kind: "error", error: new ApiError("protocol", "The server sent no data.") };

  // An event the stream ends before its closing blank line is dropped, as EventSource does.
  const reader = response.body
    .pipeThrough(new TextDecoderStream())
    .pipeThrough(new EventSourceParserStream())
    .getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      const outcome = handle(value, listener);
      if (outcome) return outcome;
    }
  } catch {
    if (signal.aborted) throw new Error("aborted");
    return { kind: "error", error: lostConnection() };
  } finally {
    reader.releaseLock();
  }
  return { kind: "error", error: lostConnection() };
}

function lostConnection(): ApiError {
  return new ApiError(
    "network",
    "The connection to the server dropped before the run finished. Check your connection and run again.",
  );
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
    case "error": {
      let body: unknown = null;
      try {
        body = JSON.parse(event.data);
      } catch {
        body = { error: { code: "internal_error", message: event.data } };
      }
      return { kind: "error", error: streamedError(body) };
    }
    default:
      return null;
  }
}
