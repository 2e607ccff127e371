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
  it("round-trip code, language, stdin and tests, unicode and all", async () => {
    const program = {
      language: "python",
      code: 'name = input()\nprint(f"héllo, {name} 👋")\n',
      stdin: "wörld\n",
      tests: [
        { stdin: "Ada\n", expected: "héllo, Ada 👋\n" },
        { stdin: "", expected: "" },
      ],
    };
    const packed = await encodeProgram(program);
    expect(packed).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(await decodeProgram(packed)).toEqual(program);
  });

  it("compress: a long repetitive program packs far below its size", async () => {
    const code = 'print("hello")\n'.repeat(500);
    const packed = await encodeProgram({ language: "python", code, stdin: "", tests: [] });
    expect(packed.length).toBeLessThan(code.length / 10);
  });

  it("builds a link whose hash decodes back", async () => {
    const program = { language: "c", code: "int main(){}", stdin: "", tests: [] };
    const url = await shareUrl("http://127.0.0.1:8080/?x=1#old", program);
    const parsed = new URL(url);
    expect(parsed.search).toBe("?x=1");
    const packed = packedFromHash(parsed.hash);
    expect(packed).not.toBeNull();
    expect(await decodeProgram(packed ?? "")).toEqual(program);
  });

  it("keep opening links made before the Tests tab, with no tests", async () => {
    // {"v":1,"l":"python","c":"print(input())\n","s":"Ada\n"}, as the first format packed it.
    const oldLink = "q1YqU7Iy1FHKUbJSKqgsycjPU9JRSgZxijLzSjQy8wpKSzQ0NWNAwsVKVkqOKYkxeUq1AA";
    expect(await decodeProgram(oldLink)).toEqual({
      language: "python",
      code: "print(input())\n",
      stdin: "Ada\n",
      tests: [],
    });
  });

  it("drop test entries that are not [stdin, expected] text pairs", async () => {
    const json = JSON.stringify({
      v: 1,
      l: "c",
      c: "",
      t: [["1\n", "2\n"], "junk", [3, "x"], ["only input"]],
    });
    const packed = toBase64Url(
      new Uint8Array(
        await new Response(
          new Blob([json]).stream().pipeThrough(new CompressionStream("deflate-raw")),
        ).arrayBuffer(),
      ),
    );
    expect((await decodeProgram(packed))?.tests).toEqual([
      { stdin: "1\n", expected: "2\n" },
      { stdin: "only input", expected: "" },
    ]);
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
