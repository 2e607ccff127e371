import { describe, expect, it } from "vitest";
import { rawRequest, upgradeHeaders } from "../testing/raw-http.js";
import { openSocket, postJson, startTestServer, useTestServer } from "../testing/test-server.js";

const KEY = "test-key-0123456789abcdef0123456789";
const keyProtocol = (key: string) => `warmbox.key.${Buffer.from(key).toString("base64url")}`;
const hello = { language: "python", source: "print('ok')" };

describe("API keys and rate limits", () => {
  const server = useTestServer({
    languages: ["python"],
    pool: { min: 1, max: 1 },
    apiKeys: [KEY],
    rateLimitPerMinute: 8,
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

  it("accepts Authorization: Bearer, X-API-Key, and a browser's key as a WebSocket subprotocol", async () => {
    expect(
      (await postJson(`${server.url}/v1/execute`, hello, { authorization: `Bearer ${KEY}` }))
        .status,
    ).toBe(200);
    expect((await postJson(`${server.url}/v1/execute`, hello, { "x-api-key": KEY })).status).toBe(
      200,
    );
    const wsUrl = `${server.url.replace("http", "ws")}/v1/run`;
    const client = openSocket(wsUrl, { protocols: ["warmbox.v1", keyProtocol(KEY)] });
    await client.opened;
    // The server picks the message protocol and never echoes the key.
    expect(client.socket.protocol).toBe("warmbox.v1");
    client.socket.send(JSON.stringify({ type: "start", ...hello }));
    client.socket.send(JSON.stringify({ type: "stdin_end" }));
    expect((await client.next("result")).status).toBe("ok");

    const upgrade = await rawRequest(server.url, {
      method: "GET",
      target: "/v1/run",
      headers: upgradeHeaders({ "sec-websocket-protocol": `warmbox.v1, ${keyProtocol(KEY)}` }),
    });
    expect(upgrade.status).toBe(101);
    expect(upgrade.headers["sec-websocket-protocol"]).toBe("warmbox.v1");

    const header = openSocket(wsUrl, { headers: { "x-api-key": KEY } });
    await header.opened;
    header.socket.close();

    for (const refused of [
      openSocket(wsUrl),
      openSocket(wsUrl, { protocols: ["warmbox.v1", keyProtocol("not-the-key")] }),
      // The query string is no place for a key (it lands in proxy logs): not read at all.
      openSocket(`${wsUrl}?apiKey=${KEY}`),
    ]) {
      await expect(refused.opened).rejects.toThrow(/401/);
    }
  });

  it("never asks health, readiness or the OpenAPI document for a key", async () => {
    for (const path of ["/healthz", "/readyz", "/openapi.json"]) {
      expect((await fetch(`${server.url}${path}`)).status, path).toBe(200);
    }
  });

  it("/metrics needs the key when keys are set", async () => {
    const none = await fetch(`${server.url}/metrics`);
    expect(none.status).toBe(401);
    const keyed = await fetch(`${server.url}/metrics`, { headers: { "x-api-key": KEY } });
    expect(keyed.status).toBe(200);
    expect(await keyed.text()).toMatch(/warmbox_executions_total/);
  });

  it("429 rate_limited with Retry-After past the per-key limit; health is not limited", async () => {
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<typeof postJson>> | undefined;
    for (let index = 0; index < 10; index++) {
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

describe("metricsPublic", () => {
  it("opens /metrics to a scraper without a key while the API still needs one", async () => {
    await using server = await startTestServer({
      languages: ["python"],
      pool: { min: 0, max: 1 },
      warmLanguages: [],
      apiKeys: [KEY],
      metricsPublic: true,
    });
    expect((await fetch(`${server.url}/metrics`)).status).toBe(200);
    expect((await fetch(`${server.url}/v1/languages`)).status).toBe(401);
  });
});

describe("an open server (no API keys)", () => {
  const server = useTestServer({
    languages: ["python"],
    pool: { min: 1, max: 1 },
    rateLimitPerMinute: 0,
  });

  it("needs no key, and ignores a made-up one", async () => {
    expect((await postJson(`${server.url}/v1/execute`, hello)).status).toBe(200);
    expect(
      (await postJson(`${server.url}/v1/execute`, hello, { "x-api-key": "whatever-key-here" }))
        .status,
    ).toBe(200);
  });
});
