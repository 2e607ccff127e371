import type { FastifyInstance } from "fastify";
import type { ExecutionService } from "../execution/execution-service.js";
import { RunSocketSession } from "../execution/run-socket-session.js";
import { registerWebSocketRoute } from "../http/websocket-routes.js";

export interface RunSocketRouteOptions {
  executions: ExecutionService;
  maxBodyBytes: number;
}

/**
 * `GET /v1/run`: interactive runs over a WebSocket (see RunSocketSession for the messages).
 * A plain GET without the upgrade gets 426. Needs @fastify/websocket registered first.
 *
 * @example
 * ```js
 * const ws = new WebSocket("ws://localhost:8080/v1/run");
 * ws.onopen = () => ws.send(JSON.stringify({ type: "start", language: "python", source: "print(input())" }));
 * ws.onmessage = (event) => console.log(JSON.parse(event.data));
 * // later: ws.send(JSON.stringify({ type: "stdin", data: "hi\n" }));
 * ```
 */
export function registerRunSocketRoute(app: FastifyInstance, options: RunSocketRouteOptions): void {
  registerWebSocketRoute(app, "/v1/run", (socket, request) => {
    new RunSocketSession(socket, request, options.executions, request.log, options.maxBodyBytes);
  });
}
