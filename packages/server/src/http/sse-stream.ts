import type { FastifyReply } from "fastify";
import { SECURITY_HEADERS } from "./security-headers.js";

/** A comment line every so often keeps proxies and load balancers from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;

/**
 * One Server-Sent Event. Text is split into `data:` lines at every line break (CR, LF, CRLF), as
 * the SSE format requires; a client rebuilds it with LF between lines.
 */
export function formatSseEvent(event: string, data: string): string {
  const lines = data.split(/\r\n|\r|\n/);
  return `event: ${event}\n${lines.map((line) => `data: ${line}`).join("\n")}\n\n`;
}

/** True when the client asked for an event stream. */
export function wantsEventStream(accept: string | undefined): boolean {
  return accept !== undefined && /(^|,)\s*text\/event-stream\b/i.test(accept);
}

/**
 * An open `text/event-stream` answer. Opening hijacks the Fastify reply, keeping the headers
 * already set on it (request id, CORS) and adding the security headers (no onSend hook runs).
 */
export class SseStream {
  readonly #reply: FastifyReply;
  readonly #heartbeat: NodeJS.Timeout;
  #closed = false;

  private constructor(reply: FastifyReply) {
    this.#reply = reply;
    this.#heartbeat = setInterval(() => this.#write(": keep-alive\n\n"), HEARTBEAT_MS);
    this.#heartbeat.unref();
    reply.raw.once("close", () => this.close());
  }

  static open(reply: FastifyReply): SseStream {
    reply.hijack();
    reply.raw.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string>),
      ...SECURITY_HEADERS,
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    });
    reply.raw.flushHeaders();
    return new SseStream(reply);
  }

  send(event: string, data: string): void {
    this.#write(formatSseEvent(event, data));
  }

  /** Ends the stream. Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#heartbeat);
    if (!this.#reply.raw.writableEnded) this.#reply.raw.end();
  }

  #write(text: string): void {
    if (!this.#closed && !this.#reply.raw.writableEnded) this.#reply.raw.write(text);
  }
}
