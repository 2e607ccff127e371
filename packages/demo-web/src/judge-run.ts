import type { EventSourceMessage } from "eventsource-parser/stream";
import type { ApiEndpoint } from "./api-auth.js";
import { type ApiError, networkError } from "./api-error.js";
import type { JudgeRequest, JudgeResult, JudgeTestResult, StageResult } from "./api-types.js";
import { postEventStream } from "./event-stream.js";

/** What a judge run reports while it goes. */
export interface JudgeListener {
  /** The one compile stage finished (compiled languages only). */
  onCompile(stage: StageResult): void;
  /** A test finished (in finishing order; `index` is its place in the request). */
  onTest(test: JudgeTestResult): void;
}

/** How a judge run ended, seen from the page. */
export type JudgeOutcome =
  | { kind: "result"; result: JudgeResult }
  | { kind: "stopped" }
  | { kind: "error"; error: ApiError };

/** A judge run in flight. `stop()` is idempotent. */
export interface JudgeSession {
  /** Stops the judge: the server kills the running tests. */
  stop(): void;
  /** Settles once, with how the judge ended; never rejects. */
  readonly done: Promise<JudgeOutcome>;
}

/**
 * Judges a program against its tests, streamed over Server-Sent Events: `POST /v1/judge/stream`
 * answers `compile` (null for an interpreted language), then one `test` event per finished test,
 * then `result` (the summary).
 * Stopping aborts the request.
 */
export function startJudgeRun(
  endpoint: ApiEndpoint,
  request: JudgeRequest,
  listener: JudgeListener,
): JudgeSession {
  const controller = new AbortController();
  let stopped = false;
  const done = judge(endpoint, request, listener, controller.signal).then(
    (outcome): JudgeOutcome => (stopped ? { kind: "stopped" } : outcome),
    (): JudgeOutcome => (stopped ? { kind: "stopped" } : { kind: "error", error: networkError() }),
  );
  return {
    stop: () => {
      if (stopped) return;
      stopped = true;
      controller.abort();
    },
    done,
  };
}

function judge(
  endpoint: ApiEndpoint,
  request: JudgeRequest,
  listener: JudgeListener,
  signal: AbortSignal,
): Promise<JudgeOutcome> {
  return postEventStream(endpoint, "/v1/judge/stream", request, signal, {
    json: (body) => {
      const result = body as JudgeResult;
      if (result.compile) listener.onCompile(result.compile);
      for (const test of result.tests) listener.onTest(test);
      return { kind: "result", result };
    },
    event: (event) => handle(event, listener),
    error: (error) => ({ kind: "error", error }),
  });
}

function handle(event: EventSourceMessage, listener: JudgeListener): JudgeOutcome | null {
  switch (event.event) {
    case "compile": {
      // null for a language without a compile stage.
      const stage = JSON.parse(event.data) as StageResult | null;
      if (stage) listener.onCompile(stage);
      return null;
    }
    case "test":
      listener.onTest(JSON.parse(event.data) as JudgeTestResult);
      return null;
    case "result":
      return { kind: "result", result: JSON.parse(event.data) as JudgeResult };
    default:
      return null;
  }
}
