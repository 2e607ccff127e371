import { once } from "node:events";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startServerProcess } from "../src/testing/server-process.js";
import type { Json } from "../src/testing/test-server.js";

/**
 * No submission is lost: a server killed with SIGKILL while submissions are queued and running
 * comes back on the same data directory and finishes every one; those that were running are
 * run again from the start, once, and say so (`attempts: 2`). Needs dist/ (npm run build).
 */
describe("submissions across a SIGKILL and a restart", () => {
  it("finishes every queued and running submission after the restart", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "warmbox-sigkill-"));
    const env = {
      WARMBOX_DATA_DIR: dataDir,
      WARMBOX_LANGUAGES: "python",
      WARMBOX_POOL_MIN: "1",
      WARMBOX_POOL_MAX: "2",
      WARMBOX_MAX_SANDBOXES: "2",
      // A short lease, so that the restart re-runs the killed work in seconds.
      WARMBOX_SUBMISSION_LEASE_MS: "2000",
      WARMBOX_SUBMISSION_POLL_MS: "200",
    };
    const first = await startServerProcess(env);
    const ids: string[] = [];
    for (let index = 0; index < 6; index++) {
      const response = await fetch(`${first.url}/v1/submissions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          kind: "execute",
          request: {
            language: "python",
            source: `import time\ntime.sleep(4)\nprint("finished ${index}")`,
            limits: { timeMs: 20_000 },
          },
        }),
      });
      expect(response.status).toBe(202);
      ids.push(((await response.json()) as Json).id);
    }
    const stateOf = async (url: string, id: string): Promise<Json> =>
      (await fetch(`${url}/v1/submissions/${id}`)).json();
    // Two run (the engine's room), four wait; then the kill.
    let running: string[] = [];
    await expect
      .poll(
        async () => {
          const answers = await Promise.all(ids.map((id) => stateOf(first.url, id)));
          running = answers.filter((answer) => answer.state === "running").map((a) => a.id);
          return running.length;
        },
        { timeout: 30_000, interval: 100 },
      )
      .toBe(2);
    first.child.kill("SIGKILL");
    await once(first.child, "exit");

    const second = await startServerProcess(env);
    try {
      await expect
        .poll(
          async () => {
            const answers = await Promise.all(ids.map((id) => stateOf(second.url, id)));
            return answers.filter((answer) => answer.state === "done").length;
          },
          { timeout: 90_000, interval: 250 },
        )
        .toBe(ids.length);
      const answers: Json[] = await Promise.all(ids.map((id) => stateOf(second.url, id)));
      answers.forEach((answer, index) => {
        expect(answer.result, `submission ${index}`).toMatchObject({
          status: "ok",
          run: { stdout: `finished ${index}\n` },
        });
        // Running at the kill: re-run from the start, once. Queued: run once.
        expect(answer.attempts, `submission ${index}`).toBe(running.includes(answer.id) ? 2 : 1);
      });
    } finally {
      await second.stop();
    }
  }, 180_000);
});
