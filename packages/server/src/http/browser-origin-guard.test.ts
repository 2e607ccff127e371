import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../app/start-server.js";
import { rawRequest, upgradeHeaders } from "../testing/raw-http.js";
import { openSocket, startTestServer } from "../testing/test-server.js";
import { hostName } from "./browser-origin-guard.js";

const PROGRAM = JSON.stringify({ language: "python", source: "print('hijacked')" });

describe("a keyless server on localhost refuses other sites' browsers", () => {
  let server: RunningServer;
  let authority: string;
  let engineCalls = 0;

  beforeAll(async () => {
    server = await startTestServer({
      languages: ["python"],
      pool: { min: 1, max: 1 },
      corsOrigins: ["https://play.example"],
    });
    authority = new URL(server.url).host;
    const execute = server.engine.execute.bind(server.engine);
    server.engine.execute = (...args: Parameters<typeof execute>) => {
      engineCalls++;
      return execute(...args);
    };
  });
  afterAll(async () => {
    await server?.close();
  });

  it("a WebSocket upgrade from a foreign Origin is refused (cross-site WebSocket hijacking)", async () => {
    for (const origin of [
      "https://evil.example",
      "null",
      `http://evil.example:${new URL(server.url).port}`,
    ]) {
      const answer = await rawRequest(server.url, {
        method: "GET",
        target: "/v1/run",
        headers: upgradeHeaders({ origin }),
      });
      expect(answer.status, origin).toBe(403);
    }
    const client = openSocket(`${server.url.replace("http", "ws")}/v1/run`, {
      headers: { origin: "https://evil.example" },
    });
    await expect(client.opened).rejects.toThrow(/403/);
    expect(engineCalls).toBe(0);
  });

  it("a foreign Host is refused on HTTP and WebSocket alike (DNS rebinding)", async () => {
    for (const host of [
      "evil.example",
      `evil.example:${new URL(server.url).port}`,
      "127.0.0.1.evil.example",
    ]) {
      const post = await rawRequest(server.url, {
        method: "POST",
        target: "/v1/execute",
        headers: { host, "content-type": "application/json" },
        body: PROGRAM,
      });
      expect(post.status, host).toBe(403);
      // The rebound page is same-origin with itself: Origin and Host agree, and still no.
      const upgrade = await rawRequest(server.url, {
        method: "GET",
        target: "/v1/run",
        headers: upgradeHeaders({ host, origin: `http://${host}` }),
      });
      expect(upgrade.status, host).toBe(403);
    }
    expect(engineCalls).toBe(0);
  });

  it("a cross-site form POST (text/plain, no preflight) to the Piston route is refused", async () => {
    const answer = await rawRequest(server.url, {
      method: "POST",
      target: "/api/v2/execute",
      headers: { origin: "https://evil.example", "content-type": "text/plain" },
      body: JSON.stringify({ language: "python", version: "*", files: [{ content: "print(1)" }] }),
    });
    expect(answer.status).toBe(403);
    expect(engineCalls).toBe(0);
  });

  it("/metrics is refused to a foreign Host or Origin too (a rebound page reads no metrics)", async () => {
    const port = new URL(server.url).port;
    const foreign: Record<string, string>[] = [
      { host: `evil.example:${port}`, origin: `http://evil.example:${port}` },
      { host: `evil.example:${port}` },
      { origin: "https://evil.example" },
    ];
    for (const headers of foreign) {
      const answer = await rawRequest(server.url, { method: "GET", target: "/metrics", headers });
      expect(answer.status, JSON.stringify(headers)).toBe(403);
    }
    const own = await rawRequest(server.url, { method: "GET", target: "/metrics" });
    expect(own.status).toBe(200);
  });

  it("its own page, the CORS origins, loopback names and clients without Origin still work", async () => {
    const ok = [
      { host: authority, origin: `http://${authority}` },
      { host: `localhost:${new URL(server.url).port}`, origin: undefined },
      { host: authority, origin: "https://play.example" },
      { host: authority, origin: undefined },
    ];
    for (const { host, origin } of ok) {
      const answer = await rawRequest(server.url, {
        method: "GET",
        target: "/v1/run",
        headers: upgradeHeaders({ host, ...(origin ? { origin } : {}) }),
      });
      expect(answer.status, `${host} ${origin}`).toBe(101);
    }
    const client = openSocket(`${server.url.replace("http", "ws")}/v1/run`, {
      headers: { origin: server.url },
    });
    await client.opened;
    client.socket.send(JSON.stringify({ type: "start", language: "python", source: "print(2)" }));
    expect((await client.next("result")).run.stdout).toBe("2\n");
  });
});

describe("allowedHosts", () => {
  it("adds the names a proxy forwards, and refuses the rest", async () => {
    await using server = await startTestServer({
      languages: ["python"],
      pool: { min: 0, max: 1 },
      warmLanguages: [],
      allowedHosts: ["play.example.com"],
    });
    const status = async (host: string) =>
      (await rawRequest(server.url, { method: "GET", target: "/v1/languages", headers: { host } }))
        .status;
    expect(await status("play.example.com")).toBe(200);
    expect(await status("PLAY.example.com:443")).toBe(200);
    expect(await status("other.example.com")).toBe(403);
    // Probes are not API routes: a load balancer's health check names no host.
    expect(
      (
        await rawRequest(server.url, {
          method: "GET",
          target: "/healthz",
          headers: { host: "10.0.0.9" },
        })
      ).status,
    ).toBe(200);
  });
});

describe("hostName", () => {
  it("strips ports and brackets, keeps bare IPv6", () => {
    expect(hostName("Example.COM:8080")).toBe("example.com");
    expect(hostName("[::1]:8080")).toBe("::1");
    expect(hostName("::1")).toBe("::1");
    expect(hostName("127.0.0.1")).toBe("127.0.0.1");
  });
});
