import { describe, expect, it } from "vitest";
import { postJson, useTestServer } from "../src/testing/test-server.js";

// A client allowed more runs at once than one judge may run (64): its judge of many tests must
// not be refused (here 150 tests, 100 slots: the server lowered `concurrency` to 100, above 64) for a `concurrency` the server wrote into it.
describe("a judge from a client with more free slots than a judge's concurrency cap", () => {
  const server = useTestServer({
    languages: ["python"],
    pool: { min: 1, max: 2 },
    maxConcurrentPerClient: 100,
  });

  it("is judged, not answered 400 for a concurrency it didn't send", async () => {
    const { status, body } = await postJson(`${server.url}/v1/judge`, {
      language: "python",
      source: "print(1)",
      tests: Array.from({ length: 150 }, () => ({ expected: "1" })),
    });
    expect(body).toMatchObject({ verdict: "accepted", passed: 150 });
    expect(status).toBe(200);
  }, 180_000);
});
