import type { FastifyInstance } from "fastify";

/**
 * The page's Content-Security-Policy: scripts and connections (fetch, EventSource, WebSocket:
 * CSP3's 'self' covers ws: and wss: of the same host) only from this origin, no inline script;
 * inline styles are allowed because CodeMirror writes its theme into <style> elements; never
 * framed (clickjacking).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/**
 * The security headers of every answer (the page and the API alike): the CSP above,
 * `X-Content-Type-Options: nosniff`, and `X-Frame-Options: DENY` for browsers without
 * `frame-ancestors`. Answers written outside Fastify's reply (event streams, requests Node's
 * parser refused) set them from here too.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
};

/** Puts SECURITY_HEADERS on every answer Fastify sends. */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook("onSend", async (_request, reply) => {
    reply.headers(SECURITY_HEADERS);
  });
}
