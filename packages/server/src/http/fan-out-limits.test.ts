import { describe, expect, it } from "vitest";
import { busySandboxes, postJson, useTestServer } from "../testing/test-server.js";

const key = (name: string) => `fan-out-${name}-key-0123456789abcdef0123`;
/** Prints when it started and when it ended (the host's clock: every sandbox shares it). */
const TIMED_SLEEP = {
  language: "python",
  source: "import time\nstart = time.time()\ntime.sleep(1)\nprint(start, time.time())",
};
const QUICK = { language: "python", source: "print(1)" };

/**
 * A batch or a judge runs several things for one request: it must not get round the per-client
 * limits. Each case uses its own key (one client).
 */
describe("batch and judge under the per-client limits", () => {
  const server = useTestServer({
    languages: ["python"],
    pool: { min: 1, max: 3 },
    apiKeys: ["refused", "charged", "batch", "judge"].map(key),
    maxConcurrentPerClient: 2,
    rateLimitPerMinute: 6,
  });
  const post = (path: string, body: unknown, client: string) =>
    postJson(`${server.url}${path}`, body, { "x-api-key": key(client) });

  /**
   * The most TIMED_SLEEP programs that were running at the same moment, from the times they
   * printed. (The pool's `busy` count is no measure: it includes sandboxes being wiped after
   * their result was delivered.)
   */
  function mostAtOnce(stdouts: string[]): number {
    const edges = stdouts.flatMap((stdout) => {
      const [start, end] = stdout.trim().split(" ").map(Number) as [number, number];
      return [
        { at: start, change: 1 },
        { at: end, change: -1 },
      ];
    });
    // Ends before starts at the same instant: touching runs did not overlap.
    edges.sort((a, b) => a.at - b.at || a.change - b.change);
    let running = 0;
    let most = 0;
    for (const edge of edges) {
      running += edge.change;
      most = Math.max(most, running);
    }
    return most;
  }

  it("a batch of n requests costs n hits of the rate limit: 429 before anything runs when too many", async () => {
    const execute = server.engine.execute.bind(server.engine);
    let calls = 0;
    server.engine.execute = (...args: Parameters<typeof execute>) => {
      calls++;
      return execute(...args);
    };
    const refused = await post(
      "/v1/batch",
      Array.from({ length: 7 }, () => QUICK),
      "refused",
    );
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe("rate_limited");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(calls).toBe(0);

    const charged = await post(
      "/v1/batch",
      Array.from({ length: 6 }, () => QUICK),
      "charged",
    );
    expect(charged.status).toBe(200);
    expect(charged.body.results.map((result: { status: string }) => result.status)).toEqual(
      Array(6).fill("ok"),
    );
    expect(calls).toBe(6);
    // The six requests of the batch used the whole minute's budget.
    const single = await post("/v1/execute", QUICK, "charged");
    expect(single.status).toBe(429);
    server.engine.execute = execute;
  });

  it("a batch runs at most as many requests at once as its client has slots, and holds them", async () => {
    const batch = post(
      "/v1/batch",
      Array.from({ length: 4 }, () => TIMED_SLEEP),
      "batch",
    );
    await expect
      .poll(() => busySandboxes(server), { timeout: 10_000, message: "two runs of the batch" })
      .toBe(2);
    // Both of the client's slots are the batch's: one more request of it is refused.
    const third = await post("/v1/execute", QUICK, "batch");
    expect(third.status).toBe(429);
    expect(third.body.error.message).toMatch(/at most 2/);
    const { status, body } = await batch;
    expect(status).toBe(200);
    const stdouts = body.results.map((result: { run: { stdout: string } }) => result.run.stdout);
    expect(stdouts).toHaveLength(4);
    expect(mostAtOnce(stdouts)).toBe(2);
  });

  it("a judge asking for more tests at once than its client has slots runs that many, and holds them", async () => {
    const judged = post(
      "/v1/judge",
      {
        ...TIMED_SLEEP,
        // No `expected`: the run's status decides, and the output is the times.
        tests: Array.from({ length: 3 }, () => ({})),
        concurrency: 3,
      },
      "judge",
    );
    await expect
      .poll(() => busySandboxes(server), { timeout: 10_000, message: "two tests of the judge" })
      .toBe(2);
    const third = await post("/v1/execute", QUICK, "judge");
    expect(third.status).toBe(429);
    const { status, body } = await judged;
    expect(status).toBe(200);
    expect(body).toMatchObject({ verdict: "accepted", passed: 3, total: 3 });
    expect(mostAtOnce(body.tests.map((test: { run: { stdout: string } }) => test.run.stdout))).toBe(
      2,
    );
  });
});
