import { describe, expect, it } from "vitest";
import { postJson, useTestServer } from "../testing/test-server.js";

describe("backpressure", () => {
  const server = useTestServer({
    languages: ["python"],
    pool: { min: 1, max: 1 },
    maxQueue: 2,
    rateLimitPerMinute: 0,
  });

  it("answers every one of many parallel requests with a result or 503 overloaded at once; none hangs", async () => {
    const started = Date.now();
    const answers = await Promise.all(
      Array.from({ length: 24 }, (_, index) =>
        postJson(`${server.url}/v1/execute`, {
          language: "python",
          source: `import time\ntime.sleep(0.3)\nprint(${index})`,
        }).then((answer) => ({ ...answer, index, at: Date.now() - started })),
      ),
    );
    const ok = answers.filter((answer) => answer.status === 200);
    const overloaded = answers.filter((answer) => answer.status === 503);
    expect(ok.length + overloaded.length).toBe(answers.length);
    // One runs and two wait: at least those three finish; most of the rest are refused at once.
    expect(ok.length).toBeGreaterThanOrEqual(3);
    expect(overloaded.length).toBeGreaterThan(0);
    for (const answer of ok) expect(answer.body.run.stdout).toBe(`${answer.index}\n`);
    for (const answer of overloaded) {
      expect(answer.body.error.code).toBe("overloaded");
      expect(answer.headers.get("retry-after")).toBe("1");
      // Refused at once, not after waiting for the queue.
      expect(answer.at).toBeLessThan(2_000);
    }
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(
      new RegExp(`warmbox_execution_rejections_total\\{code="overloaded"\\} ${overloaded.length}`),
    );
  });
});
