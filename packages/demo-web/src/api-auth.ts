/**
 * How the page presents its API key. A server configured with keys answers 401 `unauthorized`
 * to every `/v1/` call without one; with none configured, calls carry no key at all.
 */

/** Where the page's API calls go, and the key they carry (null: none). */
export interface ApiEndpoint {
  /** Prepended to every path: "" talks to the server that serves the page. */
  readonly base: string;
  readonly apiKey: string | null;
}

/** The header that carries the key on fetch and Server-Sent Events calls. */
export function apiKeyHeaders(apiKey: string | null): Record<string, string> {
  return apiKey ? { "x-api-key": apiKey } : {};
}

/** The interactive route's message protocol; the server answers with it alone. */
export const RUN_PROTOCOL = "warmbox.v1";
/** Prefix of the subprotocol that carries the key, base64url-encoded (UTF-8). */
export const KEY_PROTOCOL_PREFIX = "warmbox.key.";

function base64url(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/**
 * The subprotocols a WebSocket offers: a browser cannot set headers on an upgrade, so the key
 * rides in `Sec-WebSocket-Protocol` (never in the URL, which lands in proxy logs) beside the
 * message protocol; the server answers with `warmbox.v1` only, never echoing the key.
 */
export function webSocketProtocols(apiKey: string | null): string[] {
  return apiKey ? [RUN_PROTOCOL, `${KEY_PROTOCOL_PREFIX}${base64url(apiKey)}`] : [RUN_PROTOCOL];
}
