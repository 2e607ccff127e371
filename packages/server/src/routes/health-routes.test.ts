import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../app/start-server.js";
import { rawRequest } from "../testing/raw-http.js";
import { type Json, postForEvents, postJson, startTestServer } from "../testing/test-server.js";

describe("health, metrics, OpenAPI, languages and the page", () => {
  let server: RunningServer;

  beforeAll(async () => {
    const staticDir = mkdtempSync(join(tmpdir(), "warmbox-page-"));
    writeFileSync(
      join(staticDir, "index.html"),
      "<!doctype html><title>Warmbox playground</title>",
    );
    server = await startTestServer({ staticDir, corsOrigins: ["https://play.example"] });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("GET /healthz answers ok", async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("GET /readyz is ready once Docker answers and the pools are warm", async () => {
    const response = await fetch(`${server.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ready", docker: true, warm: true });
  });

  it("GET /v1/languages lists the served languages, ready, with their exact versions", async () => {
    const languages = (await (await fetch(`${server.url}/v1/languages`)).json()) as Json[];
    expect(languages.map((language) => language.id).sort()).toEqual(["javascript", "python"]);
    for (const language of languages) {
      expect(language).toMatchObject({
        name: expect.any(String),
        aliases: expect.any(Array),
        compiled: false,
        runtime: "runc",
        status: "ready",
      });
      expect(language.version).toMatch(/^\d+\.\d+/);
      expect(language.defaultFile).toBeTruthy();
    }
  });

  it("GET /metrics exposes executions, queue depth, pools and durations in Prometheus format", async () => {
    await postJson(`${server.url}/v1/execute`, { language: "python", source: "print(1)" });
    await postJson(`${server.url}/v1/execute`, { language: "klingon", source: "" });
    const response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/warmbox_executions_total\{language="python",status="ok"\} [1-9]/);
    expect(text).toMatch(/warmbox_execution_rejections_total\{code="unknown_language"\} 1/);
    expect(text).toMatch(/warmbox_queue_depth 0/);
    expect(text).toMatch(/warmbox_pool_sandboxes\{language="python",state="idle"\} \d/);
    expect(text).toMatch(
      /warmbox_execution_duration_seconds_bucket\{le="[\d.]+",language="python",status="ok"\}/,
    );
    expect(text).toMatch(/warmbox_queue_wait_seconds_count\{language="python"\} [1-9]/);
    expect(text).toMatch(
      /warmbox_http_requests_total\{method="POST",route="\/v1\/execute",status_code="200"\}/,
    );
  });

  it("GET /openapi.json is the generated OpenAPI document", async () => {
    const document = (await (await fetch(`${server.url}/openapi.json`)).json()) as Json;
    expect(document.openapi).toBe("3.1.0");
    expect(document.components.schemas.ExecuteRequest.properties.language).toBeDefined();
    expect(document.paths["/v1/execute"].post.requestBody).toBeDefined();
  });

  it("GET / serves the playground's files", async () => {
    const response = await fetch(`${server.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/text\/html/);
    expect(await response.text()).toContain("Warmbox playground");
  });

  it("the page and the API answer with a CSP, nosniff and no framing", async () => {
    for (const path of ["/", "/v1/languages", "/healthz"]) {
      const response = await fetch(`${server.url}${path}`);
      const csp = response.headers.get("content-security-policy") ?? "";
      expect(csp, path).toMatch(/(^|; )script-src 'self'(;|$)/);
      expect(csp, path).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp, path).toMatch(/(^|; )connect-src 'self'(;|$)/);
      expect(csp, path).toMatch(/(^|; )frame-ancestors 'none'(;|$)/);
      expect(csp, path).toMatch(/(^|; )object-src 'none'(;|$)/);
      expect(response.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(response.headers.get("x-frame-options"), path).toBe("DENY");
    }
  });

  it("answers written outside Fastify's reply carry them too: refused by the parser, event streams", async () => {
    const unparsable = [
      { status: 400, request: { method: "GET", target: "/v1/languages\t" } },
      { status: 431, request: { method: "GET", target: "/", headers: { x: "a".repeat(20_000) } } },
    ];
    for (const { status, request } of unparsable) {
      const answer = await rawRequest(server.url, request);
      expect(answer.status, request.target).toBe(status);
      expect(answer.headers["content-security-policy"], request.target).toMatch(/frame-ancestors/);
      expect(answer.headers["x-content-type-options"], request.target).toBe("nosniff");
      expect(answer.headers["content-type"], request.target).toMatch(/^application\/json/);
    }
    const stream = await postForEvents(`${server.url}/v1/execute`, {
      language: "python",
      source: "print(1)",
    });
    expect(stream.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(stream.headers.get("content-security-policy")).toMatch(/frame-ancestors/);
    expect(stream.headers.get("x-content-type-options")).toBe("nosniff");
    await stream.text();
  });

  it("CORS allows the configured origins only", async () => {
    const allowed = await fetch(`${server.url}/v1/execute`, {
      method: "OPTIONS",
      headers: { origin: "https://play.example", "access-control-request-method": "POST" },
    });
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://play.example");
    const denied = await fetch(`${server.url}/v1/languages`, {
      headers: { origin: "https://evil.example" },
    });
    expect(denied.headers.get("access-control-allow-origin")).toBeNull();
  });
});
