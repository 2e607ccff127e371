import type { FastifyRequest } from "fastify";

/** Query parameters clients put keys in out of habit (`apiKey`, `api_key`, `key`, `token`, ...). */
const SECRET_PARAMETER =
  /([?&](?:api[-_]?key|key|(?:access[-_]?)?token|auth|secret|password)=)[^&#]*/gi;

/**
 * Strips secrets from a URL before it is logged: the server never reads a key from the URL, but
 * a client may still put one in the query out of habit.
 */
export function redactUrl(url: string): string {
  // Most URLs have no parameter at all: no regular expression to run.
  return url.includes("=") ? url.replace(SECRET_PARAMETER, "$1[redacted]") : url;
}

/** What a request log line says about the request: never headers (they carry API keys). */
export function requestSerializer(request: FastifyRequest): Record<string, unknown> {
  return { method: request.method, url: redactUrl(request.url), remoteAddress: request.ip };
}
