import { type ApiEndpoint, webSocketProtocols } from "./api-auth.js";
import { ApiError, httpError, networkError } from "./api-error.js";
import type { ExecuteRequest, ExecuteResult, StageResult } from "./api-types.js";
import type { RunListener, RunOutcome, RunSession } from "./run-session.js";
import { errorStatus } from "./sse-run.js";

type ServerMessage =
  | { type: "stdout" | "stderr"; data: string }
  | ({ type: "compile" } & StageResult)
  | ({ type: "result" } & ExecuteResult)
  | { type: "error"; error: unknown };

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
  let settle: (outcome: RunOutcome) => void = () => {};
  let settled = false;
  let stopped = false;
  let opened = false;
  let lastError: ApiError | null = null;
  const pending: string[] = [];

  const done = new Promise<RunOutcome>((resolve) => {
    settle = (outcome) => {
      if (settled) return;
      settled = true;
      resolve(
        stopped && outcome.kind !== "error"
          ? { kind: "stopped", result: resultOf(outcome) }
          : outcome,
      );
      if (socket.readyState === WebSocket.OPEN || socket.readyState === WebSocket.CONNECTING) {
        socket.close(1000);
      }
    };
  });

  const send = (message: object) => {
    const text = JSON.stringify(message);
    if (opened && socket.readyState === WebSocket.OPEN) socket.send(text);
    else if (!opened) pending.push(text);
  };

  try {
    socket = new WebSocket(
      webSocketUrl(endpoint.base, "/v1/run"),
      webSocketProtocols(endpoint.apiKey),
    );
  } catch {
    return failedSession(networkError());
  }
  socket.addEventListener("open", () => {
    opened = true;
    socket.send(JSON.stringify({ type: "start", ...request }));
    for (const text of pending.splice(0)) socket.send(text);
  });
  socket.addEventListener("message", (event) => {
    let message: ServerMessage;
    try {
      message = JSON.parse(String(event.data)) as ServerMessage;
    } catch {
      return;
    }
    switch (message.type) {
      case "stdout":
        listener.onStdout(message.data);
        break;
      case "stderr":
        listener.onStderr(message.data);
        break;
      case "compile": {
        const { type: _type, ...stage } = message;
        listener.onCompile(stage);
        break;
      }
      case "result": {
        const { type: _type, ...result } = message;
        settle({ kind: "result", result });
        break;
      }
      case "error": {
        // A fatal error is followed by the server closing the socket; a complaint about one
        // message (stdin after EOF, say) is not, and the run goes on.
        const body = { error: message.error };
        lastError = httpError(errorStatus(body), body, null);
        break;
      }
      default:
        break;
    }
  });
  socket.addEventListener("error", () => {
    settle(
      stopped
        ? { kind: "stopped", result: null }
        : { kind: "error", error: opened ? dropped() : handshakeFailed() },
    );
  });
  socket.addEventListener("close", (event) => {
    if (stopped) settle({ kind: "stopped", result: null });
    else if (!opened) settle({ kind: "error", error: handshakeFailed() });
    else settle({ kind: "error", error: lastError ?? closedError(event) });
  });

  return {
    interactive: true,
    sendStdin: (data) => send({ type: "stdin", data }),
    closeStdin: () => send({ type: "stdin_end" }),
    stop: () => {
      if (stopped || settled) return;
      stopped = true;
      if (opened) send({ type: "kill" });
      else socket.close();
      // A server that never answers the kill must not leave the page hanging.
      setTimeout(() => settle({ kind: "stopped", result: null }), 3000);
    },
    done,
  };
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
