import { describe, expect, it } from "vitest";
import { startServerProcess } from "../src/testing/server-process.js";

/**
 * The Judge0 view decides that an output "cannot be converted to UTF-8" when the stored text
 * holds U+FFFD (the engine's replacement of bytes that were not UTF-8). A program that prints
 * a genuine U+FFFD (valid UTF-8, bytes EF BF BD) is refused the same way: its GET without
 * base64 answers the UTF-8 error, and, since the listing refuses when any item does, one such
 * submission makes `GET /judge0/submissions` fail for every submission of its owner.
 * (Relatedly, with base64_encoded=true the program's real non-UTF-8 bytes are not returned:
 * the base64 is of the replacement characters; not asserted here.)
 */
describe("Judge0 output holding a genuine U+FFFD", () => {
  it("is answered as text, and does not break the owner's listing", async () => {
    const server = await startServerProcess({
      WARMBOX_LANGUAGES: "python",
      WARMBOX_POOL_MIN: "1",
      WARMBOX_POOL_MAX: "1",
      WARMBOX_RATE_LIMIT: "0",
    });
    try {
      const created = await fetch(`${server.url}/judge0/submissions?wait=true&fields=stdout`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ language_id: 71, source_code: 'print("\\ufffd ok")' }),
      });
      const answer = (await created.json()) as Record<string, unknown>;
      expect(answer).toEqual({ stdout: "\uFFFD ok\n" });
      const list = await fetch(`${server.url}/judge0/submissions?fields=stdout`);
      expect(list.status, await list.clone().text()).toBe(200);
    } finally {
      await server.stop();
    }
  }, 180_000);
});
