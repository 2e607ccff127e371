import { describe, expect, it } from "vitest";
import {
  decodeProgram,
  encodeProgram,
  fromBase64Url,
  packedFromHash,
  shareUrl,
  toBase64Url,
} from "./share-link.js";

describe("share links", () => {
  it("round-trip code, language and stdin, unicode and all", async () => {
    const program = {
      language: "python",
      code: 'name = input()\nprint(f"héllo, {name} 👋")\n',
      stdin: "wörld\n",
    };
    const packed = await encodeProgram(program);
    expect(packed).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(await decodeProgram(packed)).toEqual(program);
  });

  it("compress: a long repetitive program packs far below its size", async () => {
    const code = 'print("hello")\n'.repeat(500);
    const packed = await encodeProgram({ language: "python", code, stdin: "" });
    expect(packed.length).toBeLessThan(code.length / 10);
  });

  it("builds a link whose hash decodes back", async () => {
    const program = { language: "c", code: "int main(){}", stdin: "" };
    const url = await shareUrl("http://127.0.0.1:8080/?x=1#old", program);
    const parsed = new URL(url);
    expect(parsed.search).toBe("?x=1");
    const packed = packedFromHash(parsed.hash);
    expect(packed).not.toBeNull();
    expect(await decodeProgram(packed ?? "")).toEqual(program);
  });

  it("answers null for damaged or foreign links instead of throwing", async () => {
    expect(await decodeProgram("not*base64")).toBeNull();
    expect(await decodeProgram("AAAA")).toBeNull();
    expect(await decodeProgram(toBase64Url(new TextEncoder().encode("{}")))).toBeNull();
    expect(packedFromHash("#section-2")).toBeNull();
    expect(packedFromHash("")).toBeNull();
  });

  it("base64url covers every byte value", () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
  });
});
