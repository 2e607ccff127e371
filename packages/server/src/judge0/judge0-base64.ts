const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * The bytes of a base64 text, or undefined if it isn't base64. Line breaks and spaces are
 * skipped, as Ruby's and many clients' encoders wrap lines.
 */
export function decodeBase64(text: string): Buffer | undefined {
  const compact = text.replace(/\s+/g, "");
  if (!BASE64.test(compact) || compact.length % 4 === 1) return undefined;
  return Buffer.from(compact, "base64");
}

/** The bytes as UTF-8 text, or undefined when they aren't valid UTF-8. */
export function utf8Text(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

export function encodeBase64(text: string): string {
  return Buffer.from(text, "utf8").toString("base64");
}
