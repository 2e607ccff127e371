import type { ExecuteRequest, ExecuteResult, StageResult } from "@warmbox/engine";
import type { WebSocket } from "ws";
import type { ErrorBody, PistonErrorBody } from "../errors/error-answer.js";
import type { PistonExecuteRequest } from "../piston/piston-schemas.js";

/**
 * The messages of the server's two WebSockets, one JSON object per message: the native
 * `GET /v1/run` (RunSocketSession) and Piston's `GET /api/v2/connect` (PistonConnectSession).
 * The server sends only through `sendRunMessage`/`sendPistonMessage`, so every message it sends
 * is checked against these; clients `import type` them from `@warmbox/server/api-types`.
 */

/** Client → server on `/v1/run`: one `start`, then stdin while the program runs, or `kill`. */
export type RunClientMessage =
  | ({ type: "start" } & ExecuteRequest)
  | { type: "stdin"; data: string }
  | { type: "stdin_end" }
  | { type: "kill" };

/** Server → client on `/v1/run`: output as written, the compile stage, the result or an error. */
export type RunServerMessage =
  | { type: "stdout" | "stderr"; data: string }
  | ({ type: "compile" } & StageResult)
  | ({ type: "result" } & ExecuteResult)
  | ({ type: "error" } & ErrorBody);

/** Client → server on Piston's `/api/v2/connect`: one `init`, then stdin or a signal. */
export type PistonClientMessage =
  | ({ type: "init" } & PistonExecuteRequest)
  | { type: "data"; stream: "stdin"; data: string }
  | { type: "signal"; signal: string };

/** Server → client on Piston's `/api/v2/connect`, as Piston sends them. */
export type PistonServerMessage =
  | { type: "runtime"; language: string; version: string }
  | { type: "stage"; stage: "compile" | "run" }
  | { type: "data"; stream: "stdout" | "stderr"; data: string }
  | { type: "exit"; stage: "compile" | "run"; code: number | null; signal: string | null }
  | ({ type: "error" } & PistonErrorBody);

/** Sends a `/v1/run` message; a socket that is no longer open drops it. */
export function sendRunMessage(socket: WebSocket, message: RunServerMessage): void {
  sendWhenOpen(socket, message);
}

/** Sends a Piston `/api/v2/connect` message; a socket that is no longer open drops it. */
export function sendPistonMessage(socket: WebSocket, message: PistonServerMessage): void {
  sendWhenOpen(socket, message);
}

function sendWhenOpen(socket: WebSocket, message: RunServerMessage | PistonServerMessage): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}
