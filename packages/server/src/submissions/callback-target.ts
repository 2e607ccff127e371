import { lookup } from "node:dns/promises";
import ipaddr from "ipaddr.js";

/** Longest callback URL accepted. */
export const MAX_CALLBACK_URL_LENGTH = 2_048;

/** Why a callback URL is refused; `message` says it in a sentence a client can act on. */
export class CallbackRefusedError extends Error {
  override readonly name = "CallbackRefusedError";
  readonly code = "callback_refused";
}

/** Where a callback goes: the URL, and the one address its host resolved to and was checked. */
export interface CallbackTarget {
  readonly url: URL;
  readonly address: string;
  readonly family: 4 | 6;
}

/**
 * Why an address may not receive callbacks, or undefined when it is a public unicast address.
 * Only ipaddr.js's `unicast` range passes: loopback, RFC 1918, CGNAT 100.64/10, link-local
 * (169.254/16, the cloud metadata address among them; fe80::/10), unique-local fc00::/7,
 * unspecified, multicast, broadcast and reserved ranges are refused, and so is every IPv6 form
 * that embeds an IPv4 address (mapped ::ffff:0:0/96, compatible ::/96, NAT64, 6to4, Teredo),
 * which could carry any of them past a check of IPv6 ranges.
 */
export function refusedAddressReason(address: string): string | undefined {
  if (!ipaddr.isValid(address)) return `'${address}' is not an IP address`;
  const parsed = ipaddr.parse(address);
  const range = parsed.range();
  if (range !== "unicast") return `${address} is in a ${range} range`;
  // ::a.b.c.d (IPv4-compatible, deprecated): ipaddr.js calls most of it unicast.
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).parts.slice(0, 6).every((p) => p === 0)) {
    return `${address} is an IPv4-compatible IPv6 address`;
  }
  return undefined;
}

/** The URL's host without IPv6 brackets. */
function hostOf(url: URL): string {
  return url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
}

/** Parses and checks what a URL is, before any look-up: http(s), no credentials, a host. */
export function parseCallbackUrl(text: string): URL {
  if (text.length > MAX_CALLBACK_URL_LENGTH) {
    throw new CallbackRefusedError(`is longer than ${MAX_CALLBACK_URL_LENGTH} characters`);
  }
  // The URL parser would percent-encode them, but the text is what is stored and sent.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are the point
  if (/[\u0000-\u001f\u007f]/.test(text)) {
    throw new CallbackRefusedError("must not contain control characters");
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new CallbackRefusedError("is not an absolute URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new CallbackRefusedError(`must be http:// or https://, not ${url.protocol}//`);
  }
  if (url.username !== "" || url.password !== "") {
    throw new CallbackRefusedError("must not hold a user name or password");
  }
  if (hostOf(url) === "") throw new CallbackRefusedError("has no host");
  return url;
}

/**
 * Checks a callback URL and resolves its host once: the target to connect to, or a
 * CallbackRefusedError. Every address the host resolves to must be public unless
 * `allowPrivate` (one private answer among public ones is how DNS rebinding hides); the first
 * is the one to connect to, so the check and the connection see the same address.
 */
export async function resolveCallbackTarget(
  text: string,
  options: { allowPrivate: boolean },
): Promise<CallbackTarget> {
  const url = parseCallbackUrl(text);
  const host = hostOf(url);
  let addresses: { address: string; family: number }[];
  try {
    // An IP literal comes back as itself, with no query sent.
    addresses = await lookup(host, { all: true, verbatim: true });
  } catch {
    throw new CallbackRefusedError(`has a host that does not resolve (${host})`);
  }
  const first = addresses[0];
  if (first === undefined) throw new CallbackRefusedError(`has a host with no address (${host})`);
  if (!options.allowPrivate) {
    for (const { address } of addresses) {
      const reason = refusedAddressReason(address);
      if (reason !== undefined) {
        throw new CallbackRefusedError(
          `must reach a public address: ${host === address ? "" : `${host} resolves to `}${reason} (the server's operator can allow private callbacks)`,
        );
      }
    }
  }
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 };
}
