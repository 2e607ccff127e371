import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../src/app/start-server.js";
import { postJson, startTestServer } from "../src/testing/test-server.js";

/**
 * A compiled program whose binary (in the sandbox's tmpfs, which counts as its memory) is
 * larger than the run stage's `limits.memoryMb`: the engine shrinks the cgroup between the
 * stages, Docker refuses (usage above the new limit), and the request must still end as the
 * user's fault (memory_limit), never as an engine fault that shows Docker's text.
 */
describe("a run stage given less memory than the compile stage left behind", () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startTestServer({ languages: ["c"], pool: { min: 1, max: 1 } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("answers memory_limit, not internal_error with Docker's message", async () => {
    const { status, body } = await postJson(`${server.url}/v1/execute`, {
      language: "c",
      source: '#include <stdio.h>\nchar big[40000000] = {1};\nint main(){printf("%d\\n", big[0]);}',
      limits: { memoryMb: 16 },
    });
    expect(status).toBe(200);
    // What reaches the client never names Docker, runc or a container id.
    expect(JSON.stringify(body)).not.toMatch(/\brunc\b|HTTP code|container [0-9a-f]{12}/i);
    expect(body.status).not.toBe("internal_error");
    expect(body.status).toBe("memory_limit");
  });
});
