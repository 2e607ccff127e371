import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EventSourceParserStream } from "eventsource-parser/stream";
import { afterAll, beforeAll } from "vitest";
import { WebSocket } from "ws";
import { type RunningServer, type StartServerOptions, startServer } from "../app/start-server.js";

/** Parsed JSON of a test answer, loosely typed so tests can reach into it. */
// biome-ignore lint/suspicious/noExplicitAny: tests read answers of many shapes
export type Json = any;

/** A new, empty data directory (its own SQLite store of submissions) for one test server. */
export function freshDataDir(): string {
  return mkdtempSync(join(tmpdir(), "warmbox-data-"));
}

/**
 * A real server over a real engine on a random loopback port, with small pools so that a test
 * file stays quick on a 2-core machine, and a data directory of its own.
 */
export function startTestServer(options: StartServerOptions = {}): Promise<RunningServer> {
  return startServer({
    port: 0,
    host: "127.0.0.1",
    languages: ["python", "javascript"],
    pool: { min: 1, max: 2 },
    logLevel: "silent",
    staticDir: null,
    // The per-client concurrency limit has its own test; the others send many requests from
    // one address, back to back, faster than a closed socket frees its slot.
    maxConcurrentPerClient: 0,
    dataDir: freshDataDir(),
    ...options,
  });
}

/**
 * A test server (`startTestServer(options)`) for the tests of the enclosing `describe` (or
 * file): started before them, closed after them. Read its fields inside the tests.
 */
export function useTestServer(options: StartServerOptions = {}): RunningServer {
  let running: RunningServer | undefined;
  beforeAll(async () => {
    running = await startTestServer(options);
  });
  afterAll(async () => {
    await running?.close();
  });
  const current = (): RunningServer => {
    if (!running) throw new Error("the test server starts in beforeAll: use it inside a test");
    return running;
  };
  return {
    get url() {
      return current().url;
    },
    get app() {
      return current().app;
    },
    get engine() {
      return current().engine;
    },
    get config() {
      return current().config;
    },
    get imagesSettled() {
      return current().imagesSettled;
    },
    close: () => current().close(),
    [Symbol.asyncDispose]: () => current().close(),
  };
}

/** POSTs JSON and returns the status, headers and parsed body. */
export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: Json }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

/** POSTs JSON asking for a Server-Sent Events answer; resolves with the response, its body unread. */
export function postForEvents(
  url: string,
  body: unknown,
  options: { headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "text/event-stream",
      ...options.headers,
    },
    body: JSON.stringify(body),
    signal: options.signal,
  });
}

export interface SseEvent {
  /** The `event:` field; "message" when the event has none. */
  event: string;
  data: string;
}

/** Reads a text/event-stream body to its end, as EventSource would, into its events. */
export async function readSse(response: Response): Promise<SseEvent[]> {
  const events: SseEvent[] = [];
  const stream = (response.body as ReadableStream<Uint8Array>)
    .pipeThrough(new TextDecoderStream())
    .pipeThrough(new EventSourceParserStream());
  for await (const { event = "message", data } of stream) events.push({ event, data });
  return events;
}

/**
 * A WebSocket client that collects every message and resolves when the socket closes.
 * `protocols` are offered in Sec-WebSocket-Protocol; `headers` go with the upgrade.
 */
export function openSocket(
  url: string,
  options: { protocols?: string[]; headers?: Record<string, string> } = {},
): {
  socket: WebSocket;
  messages: Json[];
  opened: Promise<void>;
  closed: Promise<{ code: number; reason: string }>;
  next: (type: string) => Promise<Json>;
} {
  const socket = new WebSocket(url, options.protocols ?? [], { headers: options.headers });
  const messages: Json[] = [];
  const taken = new Set<unknown>();
  let notify: () => void = () => {};
  socket.on("message", (data) => {
    messages.push(JSON.parse(data.toString()));
    notify();
  });
  const opened = new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.once("close", (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  /** The next message of a type not returned before. */
  const next = async (type: string): Promise<Json> => {
    while (true) {
      const found = messages.find((message) => message.type === type && !taken.has(message));
      if (found) {
        taken.add(found);
        return found;
      }
      await new Promise<void>((resolve) => {
        const previous = notify;
        notify = () => {
          previous();
          resolve();
        };
      });
    }
  };
  return { socket, messages, opened, closed, next };
}

/** Piston's `init` message (any version) for one file of `content`, with `extra` fields (run_timeout…). */
export function pistonInit(
  language: string,
  content: string,
  extra: Record<string, unknown> = {},
): string {
  return JSON.stringify({ type: "init", language, version: "*", files: [{ content }], ...extra });
}

/** Piston's message carrying `data` to the program's stdin. */
export function pistonStdin(data: string): string {
  return JSON.stringify({ type: "data", stream: "stdin", data });
}

/** A Piston WebSocket (`/api/v2/connect`) to the server at `baseUrl`, opened, that has sent `init`. */
export async function startPistonRun(
  baseUrl: string,
  init: string,
): Promise<ReturnType<typeof openSocket>> {
  const ws = openSocket(`${baseUrl.replace(/^http/, "ws")}/api/v2/connect`);
  await ws.opened;
  ws.socket.send(init);
  return ws;
}

/** Sandboxes of `language` running a job on the server's engine now. */
export function busySandboxes(server: RunningServer, language = "python"): number {
  return server.engine.stats().pools.find((pool) => pool.language === language)?.busy ?? 0;
}
