import { describe, expect, it } from "vitest";
import { startServerProcess } from "../src/testing/server-process.js";

const KEY_A = "queue-key-a-0123456789abcdef0123456789abcd";
const SUBMISSIONS = 60;

/**
 * The synchronous API refuses work beyond WARMBOX_MAX_QUEUE with 503 `overloaded`; the
 * asynchronous one stores whatever a key sends. One key can queue without bound (disk, and
 * every other key's work waits behind it: the worker claims oldest first, across owners).
 * With a queue bound of 4, one key's 60 waiting submissions should meet a refusal
 * (503 overloaded or 429) long before the 60th.
 */
describe("queued submissions of one key", () => {
  it("meet a bound like the synchronous queue's", async () => {
    const server = await startServerProcess({
      WARMBOX_API_KEYS: KEY_A,
      WARMBOX_LANGUAGES: "python",
      WARMBOX_POOL_MIN: "0",
      WARMBOX_POOL_MAX: "1",
      WARMBOX_MAX_SANDBOXES: "1",
      WARMBOX_MAX_QUEUE: "4",
      WARMBOX_RATE_LIMIT: "0",
    });
    const ids: string[] = [];
    try {
      const statuses: number[] = [];
      for (let index = 0; index < SUBMISSIONS; index++) {
        const response = await fetch(`${server.url}/v1/submissions`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-api-key": KEY_A },
          body: JSON.stringify({
            kind: "execute",
            request: { language: "python", source: "import time\ntime.sleep(3)" },
          }),
        });
        statuses.push(response.status);
        if (response.status === 202) ids.push(((await response.json()) as { id: string }).id);
      }
      expect(statuses.filter((status) => status === 503 || status === 429).length).toBeGreaterThan(
        0,
      );
    } finally {
      for (const id of ids) {
        await fetch(`${server.url}/v1/submissions/${id}`, {
          method: "DELETE",
          headers: { "x-api-key": KEY_A },
        });
      }
      await server.stop();
    }
  }, 180_000);
});
