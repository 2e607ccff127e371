import { describe, expect, it } from "vitest";
import { freshDataDir, type Json, postJson, startTestServer } from "../src/testing/test-server.js";

const sleeper = (seconds: number, text: string) => ({
  kind: "execute",
  request: {
    language: "python",
    source: `import time\ntime.sleep(${seconds})\nprint("${text}")`,
    limits: { timeMs: 20_000 },
  },
});

async function waitUntilRunning(url: string, id: string): Promise<void> {
  await expect
    .poll(async () => ((await (await fetch(`${url}/v1/submissions/${id}`)).json()) as Json).state, {
      timeout: 30_000,
      interval: 100,
    })
    .toBe("running");
}

/**
 * A graceful shutdown claims no more work and lets running submissions finish within its
 * deadline; one still running at the deadline is killed, left unrecorded, and re-run after the
 * restart (attempts 2). The second server opens the first one's data directory.
 */
describe("submissions across a graceful shutdown", () => {
  it("finishes running work within the deadline, and re-runs what the deadline killed", async () => {
    const dataDir = freshDataDir();
    const first = await startTestServer({
      dataDir,
      languages: ["python"],
      shutdownTimeoutMs: 6_000,
      submissionLeaseMs: 1_000,
    });
    const quick = (await postJson(`${first.url}/v1/submissions`, sleeper(1, "quick"))).body.id;
    const slow = (await postJson(`${first.url}/v1/submissions`, sleeper(15, "slow"))).body.id;
    await waitUntilRunning(first.url, quick);
    await waitUntilRunning(first.url, slow);
    await first.close();

    const second = await startTestServer({
      dataDir,
      languages: ["python"],
      submissionLeaseMs: 1_000,
    });
    try {
      const quickAnswer = (await (
        await fetch(`${second.url}/v1/submissions/${quick}`)
      ).json()) as Json;
      expect(quickAnswer).toMatchObject({
        state: "done",
        attempts: 1,
        result: { status: "ok", run: { stdout: "quick\n" } },
      });
      await expect
        .poll(
          async () => (await (await fetch(`${second.url}/v1/submissions/${slow}`)).json()) as Json,
          { timeout: 60_000, interval: 250 },
        )
        .toMatchObject({ state: "done", attempts: 2, result: { run: { stdout: "slow\n" } } });
    } finally {
      await second.close();
    }
  }, 120_000);
});
