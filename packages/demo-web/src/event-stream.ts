import { type EventSourceMessage, EventSourceParserStream } from "eventsource-parser/stream";
import { type ApiEndpoint, apiKeyHeaders } from "./api-auth.js";
import { ApiError, errorFromResponse, networkError, streamedError } from "./api-error.js";

/**
 * A POST that asks for Server-Sent Events (`Accept: text/event-stream`), the transport of
 * streamed runs and streamed judging: the answer's events are read one by one, each handed to
 * the caller until one ends the stream.
 */

/** How the server answered: a stream of events, plain JSON (a server that doesn't stream), or an error. */
type EventStreamAnswer =
  | { kind: "events"; events: ReadableStreamDefaultReader<EventSourceMessage> }
  | { kind: "json"; body: unknown }
  | { kind: "error"; error: ApiError };

/** What the caller makes of each way the server can answer; each returns the caller's outcome. */
export interface EventStreamHandlers<T> {
  /** A server that answers with plain JSON (no streaming) still gives the whole answer. */
  json(body: unknown): T;
  /** An event of the stream: the outcome once it ends the stream, else null to read on. */
  event(event: EventSourceMessage): T | null;
  /** The request failed, the stream sent an `error` event, or it broke off. */
  error(error: ApiError): T;
}

/**
 * POSTs `body` as JSON to `path` asking for events and hands the answer to `handlers` until one
 * of them gives an outcome. Aborting `signal` drops the request (the server then stops its
 * work) and rejects.
 */
export async function postEventStream<T>(
  endpoint: ApiEndpoint,
  path: string,
  body: unknown,
  signal: AbortSignal,
  handlers: EventStreamHandlers<T>,
): Promise<T> {
  const answer = await postForEvents(endpoint, path, body, signal);
  switch (answer.kind) {
    case "error":
      return handlers.error(answer.error);
    case "json":
      return handlers.json(answer.body);
    case "events":
      return readEvents(answer.events, signal, handlers);
  }
}

async function postForEvents(
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
 * Hands each event to `handlers.event` until it returns an outcome, which this returns; an
 * `error` event becomes `handlers.error`'s outcome. A stream that ends or breaks first gives it
 * a lost-connection error; an abort through the request's signal rejects.
 */
async function readEvents<T>(
  events: ReadableStreamDefaultReader<EventSourceMessage>,
  signal: AbortSignal,
  handlers: EventStreamHandlers<T>,
): Promise<T> {
  const { event: handle, error: onError } = handlers;
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
