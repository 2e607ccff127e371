import { describe, expect, it } from "vitest";
import {
  busySandboxes,
  type Json,
  postForEvents,
  postJson,
  readSse,
  useTestServer,
} from "../testing/test-server.js";

describe("POST /v1/execute", () => {
  const server = useTestServer({ maxBodyBytes: 64 * 1024, maxLimits: { timeMs: 20_000 } });
  const url = () => `${server.url}/v1/execute`;
  const busy = () => busySandboxes(server);
  /** Waits until `count` sandboxes run a job (`what` says whose). */
  const busyBecomes = (count: number, what: string) =>
    expect.poll(busy, { timeout: 10_000, message: what }).toBe(count);

  it("runs a program and answers its ExecuteResult", async () => {
    const { status, headers, body } = await postJson(url(), {
      language: "python",
      source: "print(input())",
      stdin: "hi\n",
    });
    expect(status).toBe(200);
    expect(headers.get("x-request-id")).toBeTruthy();
    expect(body).toMatchObject({
      language: "python",
      status: "ok",
      compile: null,
      run: { stdout: "hi\n", exitCode: 0, signal: null },
    });
    expect(body.version).toMatch(/^3\./);
  });

  it("answers 200 whatever the program did, with files, args and an alias", async () => {
    const { status, body } = await postJson(url(), {
      language: "js",
      files: [
        {
          name: "main.js",
          content: "console.error(process.argv.slice(2).join(',')); process.exit(3)",
        },
      ],
      args: ["a", "b"],
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      language: "javascript",
      status: "runtime_error",
      run: { stderr: "a,b\n", exitCode: 3 },
    });
  });

  it("streams output as Server-Sent Events, then the result", async () => {
    const response = await postForEvents(url(), {
      language: "python",
      source: "import sys\nprint('one')\nprint('two', file=sys.stderr)\nprint('three')",
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const events = await readSse(response);
    const stdout = events
      .filter((e) => e.event === "stdout")
      .map((e) => e.data)
      .join("");
    const stderr = events
      .filter((e) => e.event === "stderr")
      .map((e) => e.data)
      .join("");
    expect(stdout).toBe("one\nthree\n");
    expect(stderr).toBe("two\n");
    const last = events.at(-1);
    expect(last?.event).toBe("result");
    expect(JSON.parse(last?.data ?? "")).toMatchObject({
      status: "ok",
      run: { stdout: "one\nthree\n" },
    });
  });

  it("answers an error before the stream opens as JSON with its HTTP status", async () => {
    const response = await postForEvents(url(), { language: "klingon", source: "x" });
    expect(response.status).toBe(400);
    expect(((await response.json()) as Json).error.code).toBe("unknown_language");
  });

  it("400 invalid_request names the fields", async () => {
    const { status, body } = await postJson(url(), {
      language: "python",
      files: [{ name: "../x.py", content: "" }],
      stdin: 5,
    });
    expect(status).toBe(400);
    expect(body.error.code).toBe("invalid_request");
    expect(body.error.requestId).toBeTruthy();
    const paths = body.error.details.map((issue: { path: string }) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(["files[0].name", "stdin"]));
  });

  it("400 invalid_request when neither files nor source is given", async () => {
    const { status, body } = await postJson(url(), { language: "python" });
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: "invalid_request" });
    expect(body.error.details[0].path).toBe("files");
  });

  it("400 invalid_request for bad JSON, saying where it broke", async () => {
    const { status, body } = await postJson(url(), '{"language": "python", ');
    expect(status).toBe(400);
    expect(body.error.code).toBe("invalid_request");
    expect(body.error.details[0].path).toBe("body");
    expect(body.error.message).toMatch(/not valid JSON/);
  });

  it("400 unknown_language lists what exists", async () => {
    const { status, body } = await postJson(url(), { language: "klingon", source: "x" });
    expect(status).toBe(400);
    expect(body.error.code).toBe("unknown_language");
    expect(body.error.message).toMatch(/python/);
  });

  it("400 limit_exceeded names the field and the maximum", async () => {
    const { status, body } = await postJson(url(), {
      language: "python",
      source: "1",
      limits: { timeMs: 999_999 },
    });
    expect(status).toBe(400);
    expect(body.error.code).toBe("limit_exceeded");
    expect(body.error.message).toMatch(/timeMs/);
    expect(body.error.message).toMatch(/20000/);
  });

  it("a request may ask for at most 1 MiB of output unless the operator allows more", async () => {
    // The answer holds the output in memory, 6 bytes of JSON per control byte: at the engine's
    // 16 MiB, one run writing NULs cost the server ~850 MB.
    const greedy = await postJson(url(), {
      language: "python",
      source: "print(1)",
      limits: { outputBytes: 16 * 1_048_576 },
    });
    expect(greedy.status).toBe(400);
    expect(greedy.body.error).toMatchObject({
      code: "limit_exceeded",
      details: { field: "limits.outputBytes" },
    });
    const allowed = await postJson(url(), {
      language: "python",
      source: "print(1)",
      limits: { outputBytes: 1_048_576 },
    });
    expect(allowed.status).toBe(200);
  });

  it("413 payload_too_large above the configured body size", async () => {
    const { status, body } = await postJson(url(), {
      language: "python",
      source: "#".repeat(100 * 1024),
    });
    expect(status).toBe(413);
    expect(body.error.code).toBe("payload_too_large");
  });

  it("415 for a body that is not JSON", async () => {
    const response = await fetch(url(), {
      method: "POST",
      headers: { "content-type": "text/csv" },
      body: "a,b",
    });
    expect(response.status).toBe(415);
    expect(((await response.json()) as Json).error.code).toBe("unsupported_media_type");
  });

  it("404 not_found in the API's error shape", async () => {
    const response = await fetch(`${server.url}/v1/nope`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as Json).error.code).toBe("not_found");
  });

  it("a client that drops an event stream mid-run kills the run and frees its sandbox", async () => {
    await busyBecomes(0, "earlier runs to release their sandboxes");
    const controller = new AbortController();
    const response = await postForEvents(
      url(),
      {
        language: "python",
        source: "print('up')\nimport time\ntime.sleep(15)",
        limits: { timeMs: 15_000 },
      },
      { signal: controller.signal },
    );
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain("event: stdout");
    expect(busy()).toBe(1);
    controller.abort();
    await busyBecomes(0, "the sandbox to be released");
  });

  it("a client that disconnects mid-run kills the run and frees its sandbox", async () => {
    const controller = new AbortController();
    const pending = fetch(url(), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        language: "python",
        source: "import time\ntime.sleep(15)",
        limits: { timeMs: 15_000 },
      }),
      signal: controller.signal,
    }).catch((error: Error) => error);
    await busyBecomes(1, "the run to start");
    controller.abort();
    expect(await pending).toBeInstanceOf(Error);
    await busyBecomes(0, "the sandbox to be released");
  });
});
