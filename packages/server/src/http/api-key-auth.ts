import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { HttpError } from "../errors/http-error.js";
import { keyFromProtocols } from "./websocket-protocol.js";

declare module "fastify" {
  interface FastifyRequest {
    /** A short, non-secret id of the API key the request used (for limits and logs). */
    apiKeyId?: string;
  }
}

const CHALLENGE = { "www-authenticate": 'Bearer realm="warmbox"' };

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}

/**
 * The key a request carries: `Authorization: Bearer <key>`, `X-API-Key`, `X-Auth-Token`, or on a WebSocket
 * upgrade the `warmbox.key.<base64url>` subprotocol (browsers cannot set headers there).
 */
export function presentedKey(request: FastifyRequest): string | undefined {
  const authorization = request.headers.authorization;
  if (authorization) {
    const match = /^Bearer\s+(.+)$/i.exec(authorization.trim());
    if (match) return match[1];
  }
  // X-Auth-Token is Judge0's header: its clients keep working with a Warmbox key in it.
  for (const name of ["x-api-key", "x-auth-token"]) {
    const header = request.headers[name];
    if (typeof header === "string" && header !== "") return header;
  }
  if (request.headers.upgrade?.toLowerCase() === "websocket") {
    return keyFromProtocols(request.headers["sec-websocket-protocol"]);
  }
  return undefined;
}

/** Who a request counts against in the per-client limits: its verified key, else its IP. */
export function clientKey(request: FastifyRequest): string {
  return request.apiKeyId ? `key:${request.apiKeyId}` : `ip:${request.ip}`;
}

/**
 * Requires one of `apiKeys` (compared in constant time) on every route of `scope`, else 401
 * `unauthorized`. Registered inside an encapsulated plugin, it guards exactly that plugin's
 * routes, whatever URL spelling reached them. No keys: nothing is required.
 *
 * @example
 * ```ts
 * await app.register(async (api) => {
 *   registerApiKeyAuth(api, ["0123456789abcdef0123456789abcdef"]);
 *   api.get("/v1/secret", async () => "ok");
 * });
 * ```
 */
export function registerApiKeyAuth(scope: FastifyInstance, apiKeys: readonly string[]): void {
  if (apiKeys.length === 0) return;
  const known = apiKeys.map((key) => ({
    hash: digest(key),
    id: digest(key).toString("hex").slice(0, 12),
  }));
  scope.addHook("onRequest", async (request) => {
    const key = presentedKey(request);
    if (key === undefined) {
      throw new HttpError({
        statusCode: 401,
        code: "unauthorized",
        message:
          "an API key is required: send Authorization: Bearer <key>, X-API-Key or X-Auth-Token",
        headers: CHALLENGE,
      });
    }
    const hash = digest(key);
    let match: string | undefined;
    for (const candidate of known) {
      if (timingSafeEqual(candidate.hash, hash)) match = candidate.id;
    }
    if (match === undefined)
      throw new HttpError({
        statusCode: 401,
        code: "unauthorized",
        message: "the API key is not valid",
        headers: CHALLENGE,
      });
    request.apiKeyId = match;
  });
}
