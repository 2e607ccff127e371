import { describe, expect, it } from "vitest";
import { openSocket, postJson, startTestServer } from "../src/testing/test-server.js";

/**
 * Shutdown passes its deadline while a request still waits in the queue, its client connected:
 * that client did not go away, so it must not read 499 `aborted` ("the client closed the
 * request"); it gets 503 `unavailable` with Retry-After, which tells it to retry elsewhere.
 */
describe("a queued request when the shutdown deadline passes", () => {
  it("gets 503 unavailable (HTTP and WebSocket), not 499 aborted", async () => {
    const server = await startTestServer({
      languages: ["python"],
      pool: { min: 1, max: 1 },
      shutdownTimeoutMs: 1_000,
    });
    try {
      const busy = postJson(`${server.url}/v1/execute`, {
        language: "python",
        source: "import time\ntime.sleep(20)",
        limits: { timeMs: 25_000, cpuMs: 25_000 },
      });
      await expect
        .poll(() => server.engine.stats().pools[0]?.busy === 1, {
          timeout: 10_000,
          message: "the busy run",
        })
        .toBe(true);
      const queued = postJson(`${server.url}/v1/execute`, {
        language: "python",
        source: "print('queued')",
      });
      const socket = openSocket(`${server.url.replace(/^http/, "ws")}/v1/run`);
      await socket.opened;
      socket.socket.send(JSON.stringify({ type: "start", language: "python", source: "print(1)" }));
      await expect
        .poll(() => server.engine.stats().queued === 2, {
          timeout: 5_000,
          message: "two queued runs",
        })
        .toBe(true);

      const closing = server.close();
      const answer = await queued;
      const closed = await socket.closed;
      await busy;
      await closing;

      expect.soft(answer.status).toBe(503);
      expect.soft(answer.body.error.code).toBe("unavailable");
      expect.soft(answer.headers.get("retry-after")).not.toBeNull();
      const error = socket.messages.find((message) => message.type === "error");
      expect.soft(error?.error.code).toBe("unavailable");
      expect.soft(closed.code).toBe(1013);
    } finally {
      await server.close();
    }
  });
});
