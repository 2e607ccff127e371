import type { Logger } from "@warmbox/engine";
import type { FastifyRequest } from "fastify";
import type { WebSocket } from "ws";
import { streamError } from "../errors/error-answer.js";
import { HttpError } from "../errors/http-error.js";
import type { HttpErrorResponse } from "../errors/to-http-error.js";
import { type RunServerMessage, sendRunMessage } from "../http/websocket-messages.js";
import type { ExecutionService } from "./execution-service.js";
import { StdinQueue } from "./stdin-queue.js";

/** A socket that sends no `start` within this long is closed: it holds a connection for nothing. */
export const DEFAULT_START_TIMEOUT_MS = 30_000;
/**
 * Error answers one socket may provoke; one more closes it (1008), killing its run. Each answer
 * is ~40x the bytes of the invalid message that provoked it and sits in server memory until the
 * client reads it, so a client that sends junk and never reads would otherwise grow the server's
 * memory without bound. A working client gets an error now and then, never a stream of them.
 */
export const MAX_ERROR_ANSWERS = 16;

/** WebSocket close codes used by the interactive route. */
export const CLOSE_CODES = {
  normal: 1_000,
  goingAway: 1_001,
  policy: 1_008,
  internal: 1_011,
  tryAgainLater: 1_013,
} as const;

type State = "waiting" | "running" | "finished";

/** What one message (or the lack of one) did wrong: answered, or the reason to close. */
function socketError(code: "invalid_request" | "payload_too_large", message: string): HttpError {
  return new HttpError({ statusCode: code === "payload_too_large" ? 413 : 400, code, message });
}

/**
 * One interactive run over a WebSocket (`GET /v1/run`).
 *
 * Client → server (RunClientMessage): `{type:"start", ...ExecuteRequest}`,
 * `{type:"stdin", data}`, `{type:"stdin_end"}`, `{type:"kill"}`.
 * Server → client (RunServerMessage): `{type:"stdout"|"stderr", data}`,
 * `{type:"compile", ...StageResult}`, `{type:"result", ...ExecuteResult}`, `{type:"error", error}`.
 *
 * One run per socket: after `result` the server closes with 1000. An error before the run
 * started closes with 1008 (bad request), 1013 (overloaded, shutting down) or 1011. More than
 * MAX_ERROR_ANSWERS invalid messages close with 1008 too. Closing the socket kills the run and
 * frees its sandbox.
 */
export class RunSocketSession {
  #state: State = "waiting";
  readonly #stdin = new StdinQueue();
  readonly #controller = new AbortController();
  readonly #startTimer: NodeJS.Timeout;
  #errorAnswers = 0;

  constructor(
    private readonly socket: WebSocket,
    private readonly request: FastifyRequest,
    private readonly executions: ExecutionService,
    private readonly logger: Logger,
    private readonly maxBodyBytes: number,
    startTimeoutMs = DEFAULT_START_TIMEOUT_MS,
  ) {
    this.#startTimer = setTimeout(() => {
      if (this.#state === "waiting")
        this.#fail(socketError("invalid_request", "no start message within the time allowed"));
    }, startTimeoutMs);
    socket.on("message", (data, isBinary) => this.#onMessage(isBinary ? null : data.toString()));
    socket.on("close", () => this.#onClose());
  }

  #onMessage(text: string | null): void {
    let message: { type?: unknown; [key: string]: unknown };
    try {
      message = text === null ? null : JSON.parse(text);
      if (typeof message !== "object" || message === null || Array.isArray(message))
        throw new Error();
    } catch {
      this.#sendError("invalid_request", "every message must be a JSON object with a type");
      return;
    }
    switch (message.type) {
      case "start":
        this.#start(message);
        return;
      case "stdin":
        if (this.#state !== "running") {
          this.#sendError("invalid_request", "no program is running; send start first");
          return;
        }
        if (typeof message.data !== "string") {
          this.#sendError("invalid_request", "stdin needs data as a string");
          return;
        }
        if (!this.#stdin.fits(message.data, this.maxBodyBytes)) {
          this.#sendError(
            "payload_too_large",
            "the program is not reading its stdin; wait before sending more",
          );
          return;
        }
        if (!this.#stdin.push(message.data))
          this.#sendError("invalid_request", "stdin was already ended");
        return;
      case "stdin_end":
        this.#stdin.end();
        return;
      case "kill":
        if (this.#state === "running") this.#controller.abort(new Error("killed by the client"));
        return;
      default:
        this.#sendError("invalid_request", "type must be one of start, stdin, stdin_end, kill");
    }
  }

  #start(message: Record<string, unknown>): void {
    if (this.#state !== "waiting") {
      this.#sendError("invalid_request", "a run was already started on this socket");
      return;
    }
    clearTimeout(this.#startTimer);
    const { type: _type, ...request } = message;
    this.#state = "running";
    this.executions
      .execute(request, {
        signal: this.#controller.signal,
        stdin: this.#stdin,
        onStdout: (data) => this.#send({ type: "stdout", data }),
        onStderr: (data) => this.#send({ type: "stderr", data }),
        onCompile: (stage) => this.#send({ type: "compile", ...stage }),
      })
      .then(
        (result) => {
          this.#state = "finished";
          this.#send({ type: "result", ...result });
          this.socket.close(CLOSE_CODES.normal, "done");
        },
        (error: unknown) => this.#fail(error),
      );
  }

  /** Answers the error, then closes the socket with the close code its status calls for. */
  #fail(error: unknown): void {
    this.#state = "finished";
    const { mapped, body } = streamError(this.request, error, this.maxBodyBytes);
    this.#send({ type: "error", ...body });
    this.socket.close(closeCodeOf(mapped), mapped.code.slice(0, 100));
  }

  /** Answers one bad message; the run goes on, unless the socket sent too many of them. */
  #sendError(code: "invalid_request" | "payload_too_large", message: string): void {
    this.#errorAnswers++;
    if (this.#errorAnswers > MAX_ERROR_ANSWERS) {
      if (this.#state === "running") this.#controller.abort(new Error("too many invalid messages"));
      this.#fail(
        socketError(
          "invalid_request",
          `more than ${MAX_ERROR_ANSWERS} invalid messages on this socket; closing it`,
        ),
      );
      return;
    }
    const { body } = streamError(this.request, socketError(code, message), this.maxBodyBytes);
    this.#send({ type: "error", ...body });
  }

  #send(message: RunServerMessage): void {
    sendRunMessage(this.socket, message);
  }

  #onClose(): void {
    clearTimeout(this.#startTimer);
    this.#stdin.end();
    if (this.#state === "running") {
      this.logger.info({ reqId: this.request.id }, "client closed the socket; killing its run");
      this.#controller.abort(new Error("the client disconnected"));
    }
    this.#state = "finished";
  }
}

function closeCodeOf(mapped: HttpErrorResponse): number {
  if (mapped.statusCode === 503) return CLOSE_CODES.tryAgainLater;
  if (mapped.statusCode >= 500) return CLOSE_CODES.internal;
  return CLOSE_CODES.policy;
}
