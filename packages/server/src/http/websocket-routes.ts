import type { FastifyInstance } from "fastify";
import { HttpError } from "../errors/http-error.js";

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
