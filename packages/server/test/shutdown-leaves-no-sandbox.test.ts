import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { startServerProcess } from "../src/testing/server-process.js";
import { postJson } from "../src/testing/test-server.js";

/**
 * A graceful shutdown (SIGTERM) while a run is in flight past the shutdown deadline: the run is
 * killed (its sandbox destroyed), the server exits, and no container of its engine is left
 * behind. The pool's release of that sandbox must not start a warm replacement that outlives
 * the engine's close (and the process).
 */
describe("shutdown during a run", () => {
  it("leaves no container of the engine behind once the process exited", async () => {
    const engineId = `attack-${randomUUID().slice(0, 8)}`;
    const containers = () =>
      execFileSync("docker", ["ps", "-aq", "--filter", `label=dev.warmbox.engine=${engineId}`], {
        encoding: "utf8",
      })
        .split("\n")
        .filter(Boolean);
    const server = await startServerProcess({
      WARMBOX_ENGINE_ID: engineId,
      WARMBOX_LANGUAGES: "python",
      WARMBOX_WARM_LANGUAGES: "python",
      WARMBOX_POOL_MIN: "1",
      WARMBOX_POOL_MAX: "1",
      WARMBOX_SHUTDOWN_TIMEOUT_MS: "1000",
    });
    try {
      const run = postJson(`${server.url}/v1/execute`, {
        language: "python",
        source: "import time\ntime.sleep(20)\nprint('done')",
        limits: { timeMs: 20_000, cpuMs: 20_000 },
      });
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await server.stop();
      const answer = await run.catch(() => undefined);
      expect(answer?.status).toBe(200);
      // Give a container started at the last moment time to appear.
      await new Promise((resolve) => setTimeout(resolve, 4_000));
      expect(containers()).toEqual([]);
    } finally {
      await server.stop();
      const left = containers();
      if (left.length > 0) execFileSync("docker", ["rm", "-f", ...left]);
    }
  });
});
