import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../app/start-server.js";
import { openSocket, postJson, startTestServer } from "../testing/test-server.js";

const KEY = "test-key-0123456789";
const hello = { language: "python", source: "print('ok')" };

describe("API keys and rate limits", () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startTestServer({
      languages: ["python"],
      pool: { min: 1, max: 1 },
      apiKeys: [KEY],
      rateLimitPerMinute: 4,
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("401 unauthorized without a key or with a wrong one", async () => {
    const none = await postJson(`${server.url}/v1/execute`, hello);
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe("unauthorized");
    expect(none.headers.get("www-authenticate")).toMatch(/Bearer/);
    const wrong = await postJson(`${server.url}/v1/execute`, hello, {
      authorization: "Bearer not-the-key-at-all",
    });
    expect(wrong.status).toBe(401);
    const piston = await fetch(`${server.url}/api/v2/runtimes`);
    expect(piston.status).toBe(401);
    expect(await piston.json()).toEqual({ message: expect.stringMatching(/API key/) });
  });

  it("accepts Authorization: Bearer, X-API-Key, and ?apiKey= on the WebSocket", async () => {
    expect(
      (await postJson(`${server.url}/v1/execute`, hello, { authorization: `Bearer ${KEY}` }))
        .status,
    ).toBe(200);
    expect((await postJson(`${server.url}/v1/execute`, hello, { "x-api-key": KEY })).status).toBe(
      200,
    );
    const client = openSocket(`${server.url.replace("http", "ws")}/v1/run?apiKey=${KEY}`);
    await client.opened;
    client.socket.send(JSON.stringify({ type: "start", ...hello }));
    client.socket.send(JSON.stringify({ type: "stdin_end" }));
    expect((await client.next("result")).status).toBe("ok");
    const refused = openSocket(`${server.url.replace("http", "ws")}/v1/run`);
    await expect(refused.opened).rejects.toThrow(/401/);
  });

  it("never asks health, readiness or metrics for a key", async () => {
    for (const path of ["/healthz", "/readyz", "/metrics", "/openapi.json"]) {
      expect((await fetch(`${server.url}${path}`)).status, path).toBe(200);
    }
  });

  it("429 rate_limited with Retry-After past the per-key limit; health is not limited", async () => {
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<typeof postJson>> | undefined;
    for (let index = 0; index < 6; index++) {
      const answer = await postJson(`${server.url}/v1/execute`, hello, { "x-api-key": KEY });
      statuses.push(answer.status);
      if (answer.status === 429) limited = answer;
    }
    expect(statuses).toContain(429);
    expect(limited?.body.error.code).toBe("rate_limited");
    expect(Number(limited?.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

describe("an open server (no API keys)", () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startTestServer({
      languages: ["python"],
      pool: { min: 1, max: 1 },
      rateLimitPerMinute: 0,
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("needs no key, and ignores a made-up one", async () => {
    expect((await postJson(`${server.url}/v1/execute`, hello)).status).toBe(200);
    expect(
      (await postJson(`${server.url}/v1/execute`, hello, { "x-api-key": "whatever-key-here" }))
        .status,
    ).toBe(200);
  });
});
