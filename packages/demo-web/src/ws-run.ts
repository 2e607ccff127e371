import { type ApiEndpoint, webSocketProtocols } from "./api-auth.js";
import { ApiError, httpError, networkError, streamedError } from "./api-error.js";
import type {
  ExecuteRequest,
  ExecuteResult,
  RunClientMessage,
  RunServerMessage,
} from "./api-types.js";
import type { RunListener, RunOutcome, RunSession } from "./run-session.js";

/** How long a stopped run waits for the server's answer to `kill` before it gives up on it. */
const STOP_GRACE_MS = 3_000;

/** ws:// or wss:// for the page's API base. */
export function webSocketUrl(apiBase: string, path: string): string {
  const url = new URL(`${apiBase}${path}`, window.location.href);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  return url.toString();
}

/**
 * The code of the error of a socket that closed before it opened. A browser never learns why an
 * upgrade failed (a 401 looks like a dropped connection), so the caller may ask the server.
 */
export const HANDSHAKE_FAILED = "handshake_failed";

/**
 * An interactive run over the WebSocket `GET /v1/run`: stdin goes to the program while it runs,
 * and `stop()` sends `kill`. `request.stdin`, if any, is what the program reads first.
 */
export function startWsRun(
  endpoint: ApiEndpoint,
  request: ExecuteRequest,
  listener: RunListener,
): RunSession {
  let socket: WebSocket;
  try {
    socket = new WebSocket(
      webSocketUrl(endpoint.base, "/v1/run"),
      webSocketProtocols(endpoint.apiKey),
    );
  } catch {
    return failedSession(networkError());
  }
  return new WsRun(socket, request, listener).session();
}

/**
 * One run on an opening socket, in its phases: the socket opens and the run starts (what the
 * visitor typed meanwhile follows); the server's messages come while it runs; the socket ends,
 * and how the run ended follows from what came before. It settles once.
 */
class WsRun {
  #opened = false;
  #stopped = false;
  #settled = false;
  /** The last `error` message: why the server closed the socket, when it did. */
  #lastError: ApiError | null = null;
  /** What the visitor sent before the socket opened. */
  readonly #pending: RunClientMessage[] = [];
  // Declared before #done, whose executor sets it.
  #resolve: (outcome: RunOutcome) => void = () => {};
  readonly #done = new Promise<RunOutcome>((resolve) => {
    this.#resolve = resolve;
  });

  constructor(
    private readonly socket: WebSocket,
    private readonly request: ExecuteRequest,
    private readonly listener: RunListener,
  ) {
    socket.addEventListener("open", () => this.#onOpen());
    socket.addEventListener("message", (event) => this.#onMessage(event.data));
    socket.addEventListener("error", () => this.#onError());
    socket.addEventListener("close", (event) => this.#onClose(event));
  }

  session(): RunSession {
    return {
      interactive: true,
      sendStdin: (data) => this.#send({ type: "stdin", data }),
      closeStdin: () => this.#send({ type: "stdin_end" }),
      stop: () => this.#stop(),
      done: this.#done,
    };
  }

  #onOpen(): void {
    this.#opened = true;
    this.#write({ type: "start", ...this.request });
    for (const message of this.#pending.splice(0)) this.#write(message);
  }

  #onMessage(data: unknown): void {
    let message: RunServerMessage;
    try {
      message = JSON.parse(String(data)) as RunServerMessage;
    } catch {
      return;
    }
    switch (message.type) {
      case "stdout":
        this.listener.onStdout(message.data);
        break;
      case "stderr":
        this.listener.onStderr(message.data);
        break;
      case "compile": {
        const { type: _type, ...stage } = message;
        this.listener.onCompile(stage);
        break;
      }
      case "result": {
        const { type: _type, ...result } = message;
        this.#settle({ kind: "result", result });
        break;
      }
      case "error": {
        // A fatal error is followed by the server closing the socket; a complaint about one
        // message (stdin after EOF, say) is not, and the run goes on.
        const { type: _type, ...body } = message;
        this.#lastError = streamedError(body);
        break;
      }
      default:
        break;
    }
  }

  #onError(): void {
    this.#settle(
      this.#stopped
        ? { kind: "stopped", result: null }
        : { kind: "error", error: this.#opened ? dropped() : handshakeFailed() },
    );
  }

  #onClose(event: CloseEvent): void {
    if (this.#stopped) this.#settle({ kind: "stopped", result: null });
    else if (!this.#opened) this.#settle({ kind: "error", error: handshakeFailed() });
    else this.#settle({ kind: "error", error: this.#lastError ?? closedError(event) });
  }

  /** Ends the run once: a stopped run reads as stopped (with its result, if one came). */
  #settle(outcome: RunOutcome): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#resolve(
      this.#stopped && outcome.kind !== "error"
        ? { kind: "stopped", result: resultOf(outcome) }
        : outcome,
    );
    const { readyState } = this.socket;
    if (readyState === WebSocket.OPEN || readyState === WebSocket.CONNECTING)
      this.socket.close(1000);
  }

  #stop(): void {
    if (this.#stopped || this.#settled) return;
    this.#stopped = true;
    if (this.#opened) this.#send({ type: "kill" });
    else this.socket.close();
    // A server that never answers the kill must not leave the page hanging.
    setTimeout(() => this.#settle({ kind: "stopped", result: null }), STOP_GRACE_MS);
  }

  /** Sends now if the socket is open, after `start` while it opens; dropped once it closed. */
  #send(message: RunClientMessage): void {
    if (!this.#opened) this.#pending.push(message);
    else if (this.socket.readyState === WebSocket.OPEN) this.#write(message);
  }

  #write(message: RunClientMessage): void {
    this.socket.send(JSON.stringify(message));
  }
}

function resultOf(outcome: RunOutcome): ExecuteResult | null {
  return outcome.kind === "result" || outcome.kind === "stopped" ? outcome.result : null;
}

function handshakeFailed(): ApiError {
  const { message } = networkError();
  return new ApiError("network", message, { code: HANDSHAKE_FAILED });
}

function dropped(): ApiError {
  return new ApiError(
    "network",
    "The connection to the server dropped before the run finished. Check your connection and run again.",
  );
}

/** Close codes 1013 ("try again later") and 1008 (policy, e.g. rate limits) mean the server said no. */
function closedError(event: CloseEvent): ApiError {
  if (event.code === 1013) return httpError(503, null, null);
  if (event.code === 1008 && /rate/i.test(event.reason)) return httpError(429, null, null);
  return dropped();
}

function failedSession(error: ApiError): RunSession {
  return {
    interactive: true,
    sendStdin: () => {},
    closeStdin: () => {},
    stop: () => {},
    done: Promise.resolve({ kind: "error", error }),
  };
}
