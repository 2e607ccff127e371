import type { FastifyInstance, FastifyRequest } from "fastify";
import type { WebSocket } from "ws";
import { HttpError, upgradeRequiredError } from "../errors/http-error.js";

/**
 * Upgrades only where a WebSocket is declared (`wsHandler` or `websocket: true`): elsewhere
 * @fastify/websocket would accept the upgrade and then drop it, a 101 nobody meant to give.
 * Register before any route, so every route passes through the collecting hook.
 */
export function registerUpgradeOnlyOnWebSocketRoutes(app: FastifyInstance): void {
  const webSocketRoutes = new Set<string>();
  app.addHook("onRoute", (route) => {
    if (route.wsHandler !== undefined || route.websocket === true) webSocketRoutes.add(route.url);
  });
  app.addHook("onRequest", async (request) => {
    if (!request.ws) return;
    const route = request.routeOptions.url;
    if (route === undefined || !webSocketRoutes.has(route)) {
      throw new HttpError({
        statusCode: 404,
        code: "not_found",
        message: `no WebSocket at ${route ?? request.url.split("?")[0]}; the interactive route is /v1/run`,
      });
    }
  });
}

/**
 * A WebSocket route: `GET url` with the upgrade opens a session, a plain GET gets 426 (upgrade
 * required). Needs @fastify/websocket registered first.
 */
export function registerWebSocketRoute(
  app: FastifyInstance,
  url: string,
  openSession: (socket: WebSocket, request: FastifyRequest) => void,
): void {
  app.route({
    method: "GET",
    url,
    handler: async () => {
      throw upgradeRequiredError(url);
    },
    wsHandler: openSession,
  });
}
