import type { FastifyInstance } from "fastify";
import { HttpError } from "../errors/http-error.js";

/**
 * Refuses request targets that are not in origin form (`/path?query`) with 400: absolute form
 * (`POST http://x/v1/execute`) and asterisk form (`OPTIONS *`) are for proxies, and a server
 * that routes them anyway sees a different path than the one checks were written for.
 */
export function registerOriginFormOnly(app: FastifyInstance): void {
  app.addHook("onRequest", async (request) => {
    if (!request.raw.url?.startsWith("/")) {
      throw new HttpError({
        statusCode: 400,
        code: "invalid_request",
        message: "the request target must be a path starting with / (origin form)",
      });
    }
  });
}
