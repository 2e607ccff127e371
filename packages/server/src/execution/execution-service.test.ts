import { describe, expect, it } from "vitest";
import { busySandboxes, postJson, startTestServer } from "../testing/test-server.js";

describe("graceful shutdown", () => {
  it("refuses new work with 503, lets runs finish until the deadline, then kills them", async () => {
    const server = await startTestServer({
      languages: ["python"],
      pool: { min: 1, max: 2 },
      shutdownTimeoutMs: 1_000,
    });
    const url = `${server.url}/v1/execute`;
    const quick = postJson(url, {
      language: "python",
      source: "import time\ntime.sleep(0.3)\nprint('done')",
    });
    const endless = postJson(url, {
      language: "python",
      source: "import time\ntime.sleep(20)",
      limits: { timeMs: 20_000 },
    });
    await expect
      .poll(() => busySandboxes(server), { timeout: 10_000, message: "both runs to start" })
      .toBe(2);
    const started = Date.now();
    const closing = server.close();
    const late = await postJson(url, { language: "python", source: "print(1)" }).catch(
      (error: Error) => error,
    );
    if (!(late instanceof Error)) {
      expect(late.status).toBe(503);
      expect(late.body.error.code).toBe("unavailable");
      expect(late.headers.get("retry-after")).toBeTruthy();
    }
    const [finished, killed] = await Promise.all([quick, endless]);
    expect(finished.body).toMatchObject({ status: "ok", run: { stdout: "done\n" } });
    expect(killed.status).toBe(200);
    expect(killed.body.run.signal).toBe("SIGKILL");
    await closing;
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("a judge still running at the deadline is stopped and answered 503 unavailable", async () => {
    const server = await startTestServer({
      languages: ["python"],
      pool: { min: 1, max: 2 },
      shutdownTimeoutMs: 1_000,
    });
    const judged = postJson(`${server.url}/v1/judge`, {
      language: "python",
      source: "import time\ntime.sleep(20)",
      tests: [{}, {}],
      limits: { timeMs: 20_000 },
    });
    await expect
      .poll(() => busySandboxes(server), { timeout: 10_000, message: "both tests to start" })
      .toBe(2);
    await server.close();
    const { status, body, headers } = await judged;
    expect(status).toBe(503);
    expect(body.error.code).toBe("unavailable");
    expect(headers.get("retry-after")).toBeTruthy();
  });
});
