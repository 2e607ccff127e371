import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { HttpError } from "../errors/http-error.js";

declare module "fastify" {
  interface FastifyRequest {
    /** A short, non-secret id of the API key the request used (for rate limits and logs). */
    apiKeyId?: string;
  }
}

/** Paths that need a key when keys are configured: the API, never health, metrics or the page. */
export function isApiPath(url: string): boolean {
  const path = url.split("?")[0] ?? url;
  return path.startsWith("/v1/") || path.startsWith("/api/v2/");
}

const CHALLENGE = { "www-authenticate": 'Bearer realm="warmbox"' };

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}

/** The key a request carries: `Authorization: Bearer <key>`, `X-API-Key`, or `?apiKey=` (WebSocket only). */
export function presentedKey(request: FastifyRequest): string | undefined {
  const authorization = request.headers.authorization;
  if (authorization) {
    const match = /^Bearer\s+(.+)$/i.exec(authorization.trim());
    if (match) return match[1];
  }
  const header = request.headers["x-api-key"];
  if (typeof header === "string" && header !== "") return header;
  // Browsers cannot set headers on a WebSocket upgrade: the interactive route takes a query key.
  if (request.headers.upgrade?.toLowerCase() === "websocket") {
    const query = new URL(request.url, "http://localhost").searchParams.get("apiKey");
    if (query) return query;
  }
  return undefined;
}

/**
 * API keys on the API routes. With no keys configured the API is open; with keys, a request
 * needs one of them (compared in constant time) or gets 401 `unauthorized`.
 *
 * @example
 * ```ts
 * registerApiKeyAuth(app, ["k3y-for-alice", "k3y-for-bob"]);
 * ```
 */
export function registerApiKeyAuth(app: FastifyInstance, apiKeys: readonly string[]): void {
  if (apiKeys.length === 0) return;
  const known = apiKeys.map((key) => ({
    hash: digest(key),
    id: digest(key).toString("hex").slice(0, 12),
  }));
  app.addHook("onRequest", async (request) => {
    if (request.method === "OPTIONS" || !isApiPath(request.url)) return;
    const key = presentedKey(request);
    if (key === undefined) {
      throw new HttpError(
        401,
        "unauthorized",
        "an API key is required: send Authorization: Bearer <key> or X-API-Key",
        undefined,
        CHALLENGE,
      );
    }
    const hash = digest(key);
    let match: string | undefined;
    for (const candidate of known) {
      if (timingSafeEqual(candidate.hash, hash)) match = candidate.id;
    }
    if (match === undefined)
      throw new HttpError(401, "unauthorized", "the API key is not valid", undefined, CHALLENGE);
    request.apiKeyId = match;
  });
}
