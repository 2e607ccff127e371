import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawRequest, upgradeHeaders } from "../testing/raw-http.js";
import {
  concretePath,
  type RegisteredRoute,
  registeredRoutes,
} from "../testing/registered-routes.js";
import { postJson, startTestServer } from "../testing/test-server.js";
import type { RunningServer } from "./start-server.js";

const KEY = "protection-test-key-0123456789abcdef";

/**
 * Routes anyone may call without a key: probes, the OpenAPI document and the page (with its
 * static files). Every other route must answer 401 without a key. `/metrics` is not here: it
 * needs the key unless metricsPublic opens it.
 */
const PUBLIC_ROUTES = new Set([
  "GET /healthz",
  "HEAD /healthz",
  "GET /readyz",
  "HEAD /readyz",
  "GET /openapi.json",
  "HEAD /openapi.json",
  "GET /",
  "HEAD /",
  "GET /*",
  "HEAD /*",
]);

const PROGRAM = {
  language: "python",
  version: "*",
  source: "print('ran without a key')",
  files: [{ content: "print('ran without a key')" }],
  tests: [{ expected: "ran without a key" }],
};

/**
 * A body that reaches the engine on each code-running route (the engine's calls are counted,
 * whatever it then answers): one program (execute, Piston, judge with its `tests`), an array of
 * them for the batch (whose shape is checked before the engine).
 */
function bodyFor(method: string, target: string): string | undefined {
  if (method !== "POST") return undefined;
  return JSON.stringify(/batch/i.test(target) ? [PROGRAM] : PROGRAM);
}

/** Upper-case percent-encoding of one character: `v` → `%76`. */
function encode(char: string): string {
  return `%${char.charCodeAt(0).toString(16).padStart(2, "0").toUpperCase()}`;
}

/**
 * Spellings of `path` that a router or a proxy might take for it, and targets not in origin
 * form. Each one, sent without a key, must never run code.
 */
function bypassVariants(path: string, authority: string): string[] {
  const segments = path.split("/").slice(1);
  const join = (parts: string[]) => `/${parts.join("/")}`;
  const each = (transform: (segment: string) => string) =>
    segments.map((_, index) =>
      join(segments.map((segment, at) => (at === index ? transform(segment) : segment))),
    );
  const variants = [
    path,
    // percent-encoded characters, lower and upper hex (`/%761/execute`, `/v%31/execute`)
    ...each((segment) => (segment ? encode(segment[0] as string) + segment.slice(1) : segment)),
    ...each((segment) =>
      segment ? encode(segment[0] as string).toLowerCase() + segment.slice(1) : segment,
    ),
    ...each((segment) =>
      segment ? segment.slice(0, -1) + encode(segment.at(-1) as string) : segment,
    ),
    join(segments.map((segment) => Array.from(segment).map(encode).join(""))),
    // encoded slashes
    path.replace(/\/(?=[^/]*$)/, "%2f"),
    path.replace(/\/(?=[^/]*$)/, "%2F"),
    `/%2f${path.slice(1)}`,
    `/%2F${path.slice(1)}`,
    // double slashes
    `/${path}`,
    path.replace(/\//g, "//"),
    `${path}//`,
    // dot segments, plain and encoded
    `/.${path}`,
    `/x/..${path}`,
    path.replace(/\/(?=[^/]*$)/, "/./"),
    path.replace(/\/(?=[^/]*$)/, "/x/../"),
    `/%2e${path}`,
    `/x/%2e%2e${path}`,
    `/x/%2E%2E${path}`,
    `${path}/.`,
    `${path}/x/..`,
    // case
    path.toUpperCase(),
    join(segments.map((segment, index) => (index === 0 ? segment.toUpperCase() : segment))),
    // trailing slash, parameters, query, fragment
    `${path}/`,
    ...each((segment) => `${segment};x=1`),
    `${path};`,
    `${path}?apiKey=x`,
    `${path}#x`,
    `${path}%00`,
    `${path}%20`,
    path.replace(/\//g, "\\"),
    // not origin form
    `http://x${path}`,
    `http://${authority}${path}`,
    `HTTP://X${path}`,
    `https://${authority}${path}`,
    "*",
  ];
  return [...new Set(variants)];
}

/** Statuses a keyless attempt may get: bad target, no key, no such route. */
const REFUSED = [400, 401, 404];

describe("every API route refuses every spelling of itself without a key", () => {
  let server: RunningServer;
  let routes: RegisteredRoute[];
  let engineCalls = 0;

  beforeAll(async () => {
    const staticDir = mkdtempSync(join(tmpdir(), "warmbox-page-"));
    writeFileSync(join(staticDir, "index.html"), "<!doctype html><title>page</title>");
    server = await startTestServer({
      languages: ["python"],
      pool: { min: 1, max: 1 },
      apiKeys: [KEY],
      rateLimitPerMinute: 0,
      staticDir,
    });
    const execute = server.engine.execute.bind(server.engine);
    server.engine.execute = (...args: Parameters<typeof execute>) => {
      engineCalls++;
      return execute(...args);
    };
    const judge = server.engine.judge.bind(server.engine);
    server.engine.judge = (...args: Parameters<typeof judge>) => {
      engineCalls++;
      return judge(...args);
    };
    routes = registeredRoutes(server.app);
  });
  afterAll(async () => {
    await server?.close();
  });

  it("finds the API routes in the app's route tree", () => {
    const names = routes.map((route) => `${route.method} ${route.path}`);
    expect(names).toEqual(
      expect.arrayContaining([
        "POST /v1/execute",
        "POST /v1/batch",
        "POST /v1/judge",
        "POST /v1/judge/stream",
        "GET /v1/run",
        "GET /v1/languages",
        "GET /api/v2/runtimes",
        "POST /api/v2/execute",
        "GET /metrics",
        "GET /healthz",
      ]),
    );
  });

  it("every route outside the public allow-list answers 401 without a key", async () => {
    const unguarded: string[] = [];
    for (const route of routes) {
      const name = `${route.method} ${route.path}`;
      if (PUBLIC_ROUTES.has(name)) continue;
      const answer = await rawRequest(server.url, {
        method: route.method,
        target: concretePath(route.path),
        headers: { "content-type": "application/json" },
        body: bodyFor(route.method, route.path),
      });
      if (answer.status !== 401) unguarded.push(`${name} answered ${answer.status}`);
    }
    // A route here was added outside the API plugin (app/api-routes.ts): move it in, or add
    // it to PUBLIC_ROUTES if it must be public and runs no code.
    expect(unguarded).toEqual([]);
    expect(engineCalls).toBe(0);
  });

  it("percent-encoding, %2f, double slashes, dot segments, case, ;params, absolute form, HEAD, OPTIONS and WebSocket upgrades never run code", async () => {
    const authority = new URL(server.url).host;
    const guarded = routes.filter((route) => !PUBLIC_ROUTES.has(`${route.method} ${route.path}`));
    const attempts = guarded.flatMap((route) =>
      bypassVariants(concretePath(route.path), authority).flatMap((target) => [
        { method: route.method, target, headers: {} },
        { method: "HEAD", target, headers: {} },
        { method: "OPTIONS", target, headers: {} },
        { method: "GET", target, headers: upgradeHeaders() },
        {
          method: "GET",
          target,
          headers: upgradeHeaders({ "sec-websocket-protocol": "warmbox.v1, warmbox.key.eA" }),
        },
      ]),
    );
    const leaks: string[] = [];
    const attempt = async ({ method, target, headers }: (typeof attempts)[number]) => {
      const answer = await rawRequest(server.url, {
        method,
        target,
        headers: { "content-type": "application/json", ...headers },
        body: bodyFor(method, target),
      });
      if (!REFUSED.includes(answer.status)) {
        const upgrade = "upgrade" in headers ? " (upgrade)" : "";
        leaks.push(`${method} ${target}${upgrade} answered ${answer.status}`);
      }
    };
    // A few at a time: quick, without flooding a shared machine.
    for (let index = 0; index < attempts.length; index += 8) {
      await Promise.all(attempts.slice(index, index + 8).map(attempt));
    }
    expect(leaks).toEqual([]);
    expect(attempts.length).toBeGreaterThan(500);
    expect(engineCalls).toBe(0);
    // Thousands of requests (every route × every spelling): the time grows with the routes.
  }, 300_000);

  it("the same program with the key does run (the count above can move)", async () => {
    const answer = await postJson(
      `${server.url}/v1/execute`,
      { language: "python", source: "print(1)" },
      { "x-api-key": KEY },
    );
    expect(answer.status).toBe(200);
    expect(engineCalls).toBe(1);
    const metrics = await fetch(`${server.url}/metrics`, { headers: { "x-api-key": KEY } });
    const text = await metrics.text();
    // Exactly one execution ever reached the engine: the keyed one.
    const runs = [...text.matchAll(/^warmbox_executions_total\{[^}]*\} (\d+)$/gm)].reduce(
      (sum, match) => sum + Number(match[1]),
      0,
    );
    expect(runs).toBe(1);
  });
});
