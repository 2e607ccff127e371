/**
 * Subprotocols of the interactive WebSocket. Browsers cannot set headers on an upgrade, but they
 * can offer subprotocols, so a browser client offers `warmbox.v1` (the message protocol) plus
 * `warmbox.key.<base64url of the key>`; the server answers with `warmbox.v1` alone and never
 * echoes the key. The key never travels in the URL, which lands in proxy and access logs.
 *
 * @example
 * ```js
 * new WebSocket("wss://host/v1/run", ["warmbox.v1", `warmbox.key.${base64url(key)}`]);
 * ```
 */

/** The message protocol of `GET /v1/run`, the only subprotocol the server ever answers. */
export const RUN_PROTOCOL = "warmbox.v1";
/** Prefix of the subprotocol that carries an API key, base64url-encoded (UTF-8). */
export const KEY_PROTOCOL_PREFIX = "warmbox.key.";

/** The offered subprotocols of a `Sec-WebSocket-Protocol` header, in order. */
function offeredProtocols(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(",")
    .map((protocol) => protocol.trim())
    .filter((protocol) => protocol !== "");
}

/** The API key offered as a subprotocol, decoded; undefined when none is offered. */
export function keyFromProtocols(header: string | undefined): string | undefined {
  const offered = offeredProtocols(header).find((protocol) =>
    protocol.startsWith(KEY_PROTOCOL_PREFIX),
  );
  if (offered === undefined) return undefined;
  const encoded = offered.slice(KEY_PROTOCOL_PREFIX.length);
  if (!/^[A-Za-z0-9_-]+$/.test(encoded)) return undefined;
  return Buffer.from(encoded, "base64url").toString("utf8");
}

/** What the server answers in `Sec-WebSocket-Protocol`: `warmbox.v1` when offered, else none. */
export function selectProtocol(offered: ReadonlySet<string>): string | false {
  return offered.has(RUN_PROTOCOL) ? RUN_PROTOCOL : false;
}
