import type { FastifyReply, FastifyRequest } from "fastify";
import { streamError } from "../errors/error-answer.js";
import { SseStream } from "../http/sse-stream.js";

/** The events of one answer; the stream opens at the first `open()` or `send()`. */
export interface EventSink {
  /** Opens the stream (status 200 sent) without an event: the work has started. */
  open(): void;
  send(event: string, data: string): void;
}

/**
 * Answers a request with Server-Sent Events from `produce`, opening the stream only once
 * `produce` opens it or sends its first event. An error thrown before that is rethrown, so it
 * gets the ordinary JSON error answer with its status (a bad request is a 400, not a stream);
 * one after is sent as an `error` event (the v1 error body). The stream ends when `produce` does.
 */
export async function answerWithEvents(
  request: FastifyRequest,
  reply: FastifyReply,
  maxBodyBytes: number,
  produce: (events: EventSink) => Promise<void>,
): Promise<FastifyReply> {
  let stream: SseStream | undefined;
  const open = (): SseStream => {
    stream ??= SseStream.open(reply);
    return stream;
  };
  try {
    await produce({ open, send: (event, data) => open().send(event, data) });
  } catch (error) {
    if (stream === undefined) throw error;
    stream.send("error", JSON.stringify(streamError(request, error, maxBodyBytes).body));
  }
  stream?.close();
  return reply;
}
