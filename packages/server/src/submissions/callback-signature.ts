import { createHmac, timingSafeEqual } from "node:crypto";

/** The header that signs a callback: `t=<unix seconds>,v1=<hex HMAC-SHA256>`. */
export const SIGNATURE_HEADER = "warmbox-signature";

/**
 * How far a callback's timestamp may be from the receiver's clock: 5 minutes covers clock skew
 * and three tries with their back-off, and stops a captured callback from being replayed later.
 */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

function hmacHex(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

/**
 * The secret that signs the callbacks of `owner` (an API key id, "" without keys): the hex
 * HMAC-SHA256 of the owner id keyed by the server's callback secret. Each key gets its own, so
 * a tenant that verifies its callbacks cannot sign another tenant's.
 */
export function ownerCallbackSecret(serverSecret: string, owner: string): string {
  return createHmac("sha256", serverSecret).update(owner).digest("hex");
}

/**
 * The `Warmbox-Signature` value of a callback body sent at `timestamp` (unix seconds): the
 * HMAC-SHA256, keyed by the owner's callback secret (ownerCallbackSecret), of `<timestamp>.<body>` (the exact bytes
 * of the body, as UTF-8).
 */
export function signCallback(secret: string, body: string, timestamp: number): string {
  return `t=${timestamp},v1=${hmacHex(secret, timestamp, body)}`;
}

/**
 * What a receiver does with a callback: true when `header` signs `body` with `secret` and its
 * timestamp is within SIGNATURE_TOLERANCE_SECONDS of `now` (unix seconds). Compare in
 * constant time, on the raw body before any JSON parsing.
 *
 * @example
 * ```ts
 * const ok = verifyCallback(secret, rawBody, request.headers["warmbox-signature"]);
 * ```
 */
export function verifyCallback(
  secret: string,
  body: string,
  header: string | undefined,
  now: number = Math.floor(Date.now() / 1_000),
): boolean {
  const match = /^t=(\d{1,15}),v1=([0-9a-f]{64})$/.exec(header ?? "");
  if (!match) return false;
  const timestamp = Number(match[1]);
  if (Math.abs(now - timestamp) > SIGNATURE_TOLERANCE_SECONDS) return false;
  const expected = Buffer.from(hmacHex(secret, timestamp, body), "hex");
  return timingSafeEqual(expected, Buffer.from(match[2] as string, "hex"));
}
