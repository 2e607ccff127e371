// Servers over a stand-in engine, for the HTTP benches that leave Docker out (http-layer.mjs,
// http-latency-split.mjs): every run "takes" a fixed delay (none by default) and answers a
// python hello world's result. Each server runs in a child process of its own, as a real one
// would: `startServerChild` spawns the bench script again, which calls `serveUntilTerminated`.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:http";
import { pathToFileURL } from "node:url";

export const REQUEST = JSON.stringify({ language: "python", source: "print(1)" });
export const RESULT = {
  language: "python",
  version: "3.11.2",
  status: "ok",
  compile: null,
  run: {
    stdout: "1\n",
    stderr: "",
    exitCode: 0,
    signal: null,
    wallMs: 9,
    cpuMs: 8,
    memoryBytes: 8_388_608,
    truncated: false,
  },
};

/** Waits `ms` milliseconds; no timer at all for 0 (a timer costs a turn of the event loop). */
export const delay = (ms) => (ms > 0 ? new Promise((done) => setTimeout(done, ms)) : undefined);

/** An engine that runs nothing: every execute() answers RESULT after `delayMs`. */
export function standInEngine(delayMs = 0) {
  return {
    execute: async () => {
      await delay(delayMs);
      return structuredClone(RESULT);
    },
    judge: async () => {
      throw new Error("not in this bench");
    },
    languages: async () => [{ id: "python", name: "Python", version: "3.11.2", aliases: ["py"] }],
    refreshImages: async () => [],
    warmup: async () => {},
    stats: () => ({ queued: 0, pools: [] }),
    health: async () => ({ docker: true, warm: true }),
    close: async () => {},
    [Symbol.asyncDispose]: async () => {},
  };
}

/**
 * Starts a server of `kind` on a loopback port: "bare" (node:http answering RESULT's bytes),
 * "fastify" (one bare route) or "warmbox" (the Warmbox server, default settings but per-client
 * limits sized for one busy client, over the stand-in engine; `serverDir`: another build of
 * packages/server, e.g. an older one, to compare). Returns its URL and how to close it.
 */
async function startServer(kind, { delayMs = 0, serverDir } = {}) {
  if (kind === "bare") {
    const bare = createServer((request, response) => {
      request.resume();
      request.on("end", async () => {
        await delay(delayMs);
        response.setHeader("content-type", "application/json; charset=utf-8");
        response.end(JSON.stringify(RESULT));
      });
    });
    bare.listen(0, "127.0.0.1");
    await once(bare, "listening");
    return { url: `http://127.0.0.1:${bare.address().port}`, close: async () => bare.close() };
  }
  if (kind === "fastify") {
    const { default: Fastify } = await import("fastify");
    const app = Fastify();
    app.post("/v1/execute", async () => {
      await delay(delayMs);
      return structuredClone(RESULT);
    });
    return { url: await app.listen({ port: 0, host: "127.0.0.1" }), close: () => app.close() };
  }
  const { startServer: startWarmbox } = await import(
    serverDir ? pathToFileURL(`${serverDir}/dist/index.js`).href : "@warmbox/server"
  );
  const server = await startWarmbox({
    engine: standInEngine(delayMs),
    host: "127.0.0.1",
    port: 0,
    staticDir: null,
    rateLimitPerMinute: 100_000_000,
    maxConcurrentPerClient: 64,
  });
  return { url: server.url, close: () => server.close() };
}

/** The child's side: starts the server, sends its URL to the parent, serves until SIGTERM. */
export async function serveUntilTerminated(kind, options) {
  const { url, close } = await startServer(kind, options);
  process.on("SIGTERM", () => close().then(() => process.exit(0)));
  process.send(url);
}

/**
 * The parent's side: runs `script` with `args` (and `nodeFlags`) in a child process that calls
 * `serveUntilTerminated`; returns the child's pid, its execute URL and how to stop it.
 */
export async function startServerChild(script, args, nodeFlags = []) {
  const child = spawn(process.execPath, [...nodeFlags, script, ...args], {
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  const [url] = await once(child, "message");
  return {
    pid: child.pid,
    url: `${url}/v1/execute`,
    stop: () => child.kill("SIGTERM") && once(child, "exit"),
  };
}

/** POSTs REQUEST with fetch, checks the answer, and returns the milliseconds it took. */
export async function postHello(url) {
  const started = performance.now();
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: REQUEST,
  });
  const body = await response.json();
  if (body.status !== "ok") throw new Error(JSON.stringify(body));
  return performance.now() - started;
}
