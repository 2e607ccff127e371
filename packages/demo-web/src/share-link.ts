import { parseTestCases, type TestCase } from "./test-cases.js";

/**
 * Share links: the code, language, stdin and test cases of the page, packed into the URL's hash so that a
 * link reopens the same program with no database. JSON → deflate-raw (CompressionStream) →
 * base64url, behind the `#code=` key.
 */

/** What a share link carries. */
export interface SharedProgram {
  language: string;
  code: string;
  stdin: string;
  /** The Tests tab's cases; links made before the tab existed carry none. */
  tests: TestCase[];
}

/** The key of the hash parameter. */
export const SHARE_HASH_KEY = "code";
/**
 * Bumped when the packed format changes; older links keep decoding. Adding an optional field
 * (the tests, `t`) is no change: a link without it reads as before, and a page that predates it
 * opens the program without its tests.
 */
const FORMAT_VERSION = 1;

async function pipeThrough(
  bytes: Uint8Array,
  transform: GenericTransformStream,
): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(transform);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error("not base64url");
  const base64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const padded = base64 + "=".repeat((4 - (base64.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Packs a program into the text that follows `#code=`. */
export async function encodeProgram(program: SharedProgram): Promise<string> {
  const json = JSON.stringify({
    v: FORMAT_VERSION,
    l: program.language,
    c: program.code,
    s: program.stdin,
    // Pairs, not objects: a link is pasted by hand, every character counts.
    ...(program.tests.length > 0
      ? { t: program.tests.map((test) => [test.stdin, test.expected]) }
      : {}),
  });
  const packed = await pipeThrough(
    new TextEncoder().encode(json),
    new CompressionStream("deflate-raw"),
  );
  return toBase64Url(packed);
}

/** Unpacks what `encodeProgram` made; null when the text is damaged or not a share link. */
export async function decodeProgram(text: string): Promise<SharedProgram | null> {
  try {
    const bytes = await pipeThrough(fromBase64Url(text), new DecompressionStream("deflate-raw"));
    const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
    if (typeof value !== "object" || value === null) return null;
    const { v, l, c, s, t } = value as Record<string, unknown>;
    if (typeof v !== "number" || v > FORMAT_VERSION) return null;
    if (typeof l !== "string" || typeof c !== "string") return null;
    const pairs = Array.isArray(t) ? t : [];
    const tests = parseTestCases(
      pairs.map((pair) => (Array.isArray(pair) ? { stdin: pair[0], expected: pair[1] } : null)),
    );
    return { language: l, code: c, stdin: typeof s === "string" ? s : "", tests };
  } catch {
    return null;
  }
}

/** The full link for a program, on the page at `pageUrl`. */
export async function shareUrl(pageUrl: string, program: SharedProgram): Promise<string> {
  const url = new URL(pageUrl);
  url.hash = `${SHARE_HASH_KEY}=${await encodeProgram(program)}`;
  return url.toString();
}

/** The packed text of a location hash (`#code=...`), or null when the hash holds no program. */
export function packedFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const packed = params.get(SHARE_HASH_KEY);
  return packed ? packed : null;
}
