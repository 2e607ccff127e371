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

/**
 * A browser cannot set headers on a WebSocket upgrade, so the key rides in `?apiKey=` there
 * (the server takes the query key on upgrades only, and redacts it from its logs).
 */
export function withApiKeyParam(url: string, apiKey: string | null): string {
  if (!apiKey) return url;
  const withKey = new URL(url);
  withKey.searchParams.set("apiKey", apiKey);
  return withKey.toString();
}
