import { describe, expect, it } from "vitest";
import { busySandboxes, postJson, useTestServer } from "../testing/test-server.js";
import { MAX_BATCH_REQUESTS } from "./batch-schema.js";

describe("POST /v1/batch", () => {
  const server = useTestServer({ maxBodyBytes: 64 * 1024 });
  const url = () => `${server.url}/v1/batch`;
  /** Counts the engine's executions from here on. */
  const countExecutions = () => {
    const execute = server.engine.execute.bind(server.engine);
    const counter = { calls: 0 };
    server.engine.execute = (...args: Parameters<typeof execute>) => {
      counter.calls++;
      return execute(...args);
    };
    return counter;
  };

  it("answers every request in order; a bad one in the middle gets its own error, the rest run", async () => {
    const { status, headers, body } = await postJson(
      url(),
      [
        {
          language: "python",
          source: "open('left-behind.txt', 'w').write('x')\nprint('first')",
        },
        { language: "python", files: [{ name: "../escape.py", content: "print(1)" }] },
        { language: "klingon", source: "Qapla'" },
        {
          language: "python",
          source: "import os\nprint(os.path.exists('left-behind.txt'))",
        },
        { language: "javascript", source: "console.log(6 * 7)" },
      ],
      { "x-request-id": "batch-1" },
    );
    expect(status).toBe(200);
    expect(headers.get("x-request-id")).toBe("batch-1");
    expect(body.results).toHaveLength(5);
    const [first, invalid, unknown, fourth, fifth] = body.results;
    expect(first).toMatchObject({ language: "python", status: "ok", run: { stdout: "first\n" } });
    // The error body a single POST /v1/execute would get, with its place and status.
    expect(invalid).toMatchObject({
      index: 1,
      status: 400,
      error: { code: "invalid_request", requestId: "batch-1" },
    });
    expect(invalid.error.details.map((issue: { path: string }) => issue.path)).toContain(
      "files[0].name",
    );
    expect(unknown).toMatchObject({ index: 2, status: 400, error: { code: "unknown_language" } });
    // Each request runs in a sandbox of its own: the first one's file is not there.
    expect(fourth).toMatchObject({ status: "ok", run: { stdout: "False\n" } });
    expect(fifth).toMatchObject({ language: "javascript", status: "ok", run: { stdout: "42\n" } });
  });

  it("refuses a body that is not an array of 1 to 20 objects with 400, before anything runs", async () => {
    const counter = countExecutions();
    const program = { language: "python", source: "print(1)" };
    const cases: Array<[unknown, RegExp, string]> = [
      [program, /JSON array of execute requests/, "body"],
      [[], /at least one request/, "body"],
      [
        Array.from({ length: MAX_BATCH_REQUESTS + 1 }, () => program),
        /at most 20 requests/,
        "body",
      ],
      [[program, "print(1)", program], /is a JSON object/, "[1]"],
    ];
    for (const [batch, message, path] of cases) {
      const { status, body } = await postJson(url(), batch);
      expect(status).toBe(400);
      expect(body.error.code).toBe("invalid_request");
      expect(body.error.message).toMatch(message);
      expect(body.error.details[0].path).toBe(path);
    }
    expect(counter.calls).toBe(0);
  });

  it("413 when the batch as a whole is above the body size cap, each request being below it", async () => {
    const counter = countExecutions();
    const request = { language: "python", source: `# ${"x".repeat(4 * 1024)}\nprint(1)` };
    const { status, body } = await postJson(
      url(),
      Array.from({ length: 20 }, () => request),
    );
    expect(status).toBe(413);
    expect(body.error.code).toBe("payload_too_large");
    expect(counter.calls).toBe(0);
  });

  it("a client that disconnects mid-batch kills its runs and frees their sandboxes", async () => {
    const sleeper = {
      language: "python",
      source: "import time\ntime.sleep(15)",
      limits: { timeMs: 15_000 },
    };
    const controller = new AbortController();
    const pending = fetch(url(), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify([sleeper, sleeper, sleeper]),
      signal: controller.signal,
    }).catch((error: Error) => error);
    await expect
      .poll(() => busySandboxes(server), { timeout: 10_000, message: "the runs to start" })
      .toBe(2);
    controller.abort();
    expect(await pending).toBeInstanceOf(Error);
    await expect
      .poll(() => busySandboxes(server), { timeout: 10_000, message: "the sandboxes to be freed" })
      .toBe(0);
    expect(server.engine.stats().queued).toBe(0);
  });
});
