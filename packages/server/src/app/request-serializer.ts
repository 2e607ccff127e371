import type { FastifyRequest } from "fastify";

/** Strips secrets from a URL before it is logged (`?apiKey=` of WebSocket upgrades). */
export function redactUrl(url: string): string {
  return url.replace(/([?&]apiKey=)[^&]*/gi, "$1[redacted]");
}

/** What a request log line says about the request: never headers (they carry API keys). */
export function requestSerializer(request: FastifyRequest): Record<string, unknown> {
  return { method: request.method, url: redactUrl(request.url), remoteAddress: request.ip };
}
