import { type EventSourceMessage, EventSourceParserStream } from "eventsource-parser/stream";
import { type ApiEndpoint, apiKeyHeaders } from "./api-auth.js";
import { ApiError, errorFromResponse, networkError, streamedError } from "./api-error.js";

/**
 * A POST that asks for Server-Sent Events (`Accept: text/event-stream`), the transport of
 * streamed runs and streamed judging: the answer's events are read one by one, each handed to
 * the caller until one ends the stream.
 */

/** How the server answered: a stream of events, plain JSON (a server that doesn't stream), or an error. */
export type EventStreamAnswer =
  | { kind: "events"; events: ReadableStreamDefaultReader<EventSourceMessage> }
  | { kind: "json"; body: unknown }
  | { kind: "error"; error: ApiError };

/** POSTs `body` as JSON to `path`; aborting `signal` drops the request (the server then stops its work). */
export async function postForEvents(
  endpoint: ApiEndpoint,
  path: string,
  body: unknown,
  signal: AbortSignal,
): Promise<EventStreamAnswer> {
  let response: Response;
  try {
    response = await fetch(`${endpoint.base}${path}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "text/event-stream",
        ...apiKeyHeaders(endpoint.apiKey),
      },
      body: JSON.stringify(body),
      signal,
      cache: "no-store",
    });
  } catch {
    return { kind: "error", error: networkError() };
  }
  if (!response.ok) return { kind: "error", error: await errorFromResponse(response) };
  if (!response.headers.get("content-type")?.includes("text/event-stream")) {
    return { kind: "json", body: await response.json() };
  }
  if (!response.body) {
    return { kind: "error", error: new ApiError("protocol", "The server sent no data.") };
  }
  // An event the stream ends before its closing blank line is dropped, as EventSource does.
  const events = response.body
    .pipeThrough(new TextDecoderStream())
    .pipeThrough(new EventSourceParserStream())
    .getReader();
  return { kind: "events", events };
}

/**
 * Hands each event to `handle` until it returns an outcome, which this returns; an `error`
 * event becomes `onError`'s outcome. A stream that ends or breaks first gives `onError` a
 * lost-connection error; an abort through the request's signal rejects.
 */
export async function readEvents<T>(
  events: ReadableStreamDefaultReader<EventSourceMessage>,
  signal: AbortSignal,
  handle: (event: EventSourceMessage) => T | null,
  onError: (error: ApiError) => T,
): Promise<T> {
  try {
    for (;;) {
      const { value, done } = await events.read();
      if (done) break;
      if (value.event === "error") return onError(errorOfEvent(value.data));
      const outcome = handle(value);
      if (outcome !== null) return outcome;
    }
  } catch {
    if (signal.aborted) throw new Error("aborted");
    return onError(lostConnection());
  } finally {
    events.releaseLock();
  }
  return onError(lostConnection());
}

/** The ApiError an `error` event carries (its data is the API's error body). */
function errorOfEvent(data: string): ApiError {
  let body: unknown = null;
  try {
    body = JSON.parse(data);
  } catch {
    body = { error: { code: "internal_error", message: data } };
  }
  return streamedError(body);
}

function lostConnection(): ApiError {
  return new ApiError(
    "network",
    "The connection to the server dropped before the run finished. Check your connection and run again.",
  );
}
