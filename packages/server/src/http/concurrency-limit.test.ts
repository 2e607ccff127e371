import { describe, expect, it } from "vitest";
import {
  busySandboxes,
  openSocket,
  postForEvents,
  postJson,
  useTestServer,
} from "../testing/test-server.js";

const KEY_A = "concurrency-key-a-0123456789abcdef";
const KEY_B = "concurrency-key-b-0123456789abcdef";
const SLEEP = { language: "python", source: "print('up', flush=True)\nimport time\ntime.sleep(4)" };

describe("per-client concurrency limit", () => {
  const server = useTestServer({
    languages: ["python"],
    pool: { min: 1, max: 3 },
    apiKeys: [KEY_A, KEY_B],
    maxConcurrentPerClient: 2,
    rateLimitPerMinute: 0,
  });

  it("a key with a stream and a WebSocket running gets 429 with Retry-After; another key still runs", async () => {
    // One run streamed (Server-Sent Events), one over the WebSocket: both count while they run.
    const streamed = postForEvents(`${server.url}/v1/execute`, SLEEP, {
      headers: { "x-api-key": KEY_A },
    }).then((response) => response.text());
    const socket = openSocket(`${server.url.replace("http", "ws")}/v1/run`, {
      headers: { "x-api-key": KEY_A },
    });
    await socket.opened;
    socket.socket.send(JSON.stringify({ type: "start", ...SLEEP }));
    await expect
      .poll(() => busySandboxes(server), { timeout: 15_000, message: "both runs to start" })
      .toBe(2);

    const third = await postJson(`${server.url}/v1/execute`, SLEEP, { "x-api-key": KEY_A });
    expect(third.status).toBe(429);
    expect(third.body.error.code).toBe("rate_limited");
    expect(third.body.error.message).toMatch(/at most 2/);
    expect(Number(third.headers.get("retry-after"))).toBeGreaterThan(0);
    const refusedSocket = openSocket(`${server.url.replace("http", "ws")}/v1/run`, {
      headers: { "x-api-key": KEY_A },
    });
    await expect(refusedSocket.opened).rejects.toThrow(/429/);

    // Another client is not held back by the first one's runs.
    const other = await postJson(
      `${server.url}/v1/execute`,
      { language: "python", source: "print(3)" },
      {
        "x-api-key": KEY_B,
      },
    );
    expect(other.status).toBe(200);

    expect(await streamed).toContain("event: result");
    expect((await socket.next("result")).status).toBe("ok");
    await socket.closed;
    // Both slots are back: the first key runs again.
    const again = () =>
      postJson(
        `${server.url}/v1/execute`,
        { language: "python", source: "print(4)" },
        { "x-api-key": KEY_A },
      );
    await expect
      .poll(async () => (await again()).status, {
        timeout: 10_000,
        message: "a slot of the first key to be free again",
      })
      .toBe(200);
  });
});
