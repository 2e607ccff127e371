import { describe, expect, it } from "vitest";
import { pistonInit, postJson, startPistonRun, useTestServer } from "../testing/test-server.js";

/**
 * A run whose client left while it waited for a sandbox must leave the queue at once: else one
 * client, holding one concurrency slot at a time, opens and closes sockets until the queue is
 * full of runs nobody waits for, and every other client gets 503 `overloaded`.
 */
describe("runs abandoned while queued", () => {
  const server = useTestServer({
    languages: ["python"],
    pool: { min: 1, max: 1 },
    maxQueue: 3,
  });

  const queueDepth = async () => {
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    return Number(/^warmbox_queue_depth (\d+)$/m.exec(metrics)?.[1]);
  };

  it("leave the queue when their socket closes, so others still get a place", async () => {
    const busy = await startPistonRun(
      server.url,
      pistonInit("python", "import time\nprint('busy', flush=True)\ntime.sleep(4)"),
    );
    await busy.next("data");

    for (let i = 0; i < 5; i++) {
      const abandoned = await startPistonRun(server.url, pistonInit("python", "print('never')"));
      await expect.poll(queueDepth, { timeout: 5_000, message: "the run to be queued" }).toBe(1);
      abandoned.socket.terminate();
      await abandoned.closed;
      await expect
        .poll(queueDepth, { timeout: 2_000, message: "the abandoned run to leave" })
        .toBe(0);
    }

    const { status, body } = await postJson(`${server.url}/api/v2/execute`, {
      language: "python",
      version: "*",
      files: [{ content: "print('served')" }],
    });
    expect(status).toBe(200);
    expect(body.run.stdout).toBe("served\n");
    await busy.closed;
  });
});
