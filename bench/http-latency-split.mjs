// Where the HTTP layer's latency goes, without Docker: fetch's round trip to three servers in
// their own processes, each answering a python hello world's result after the same fixed
// delay (a stand-in for the run): a bare node:http server, a bare Fastify route, and the
// Warmbox server (default settings, logging at info into /dev/null) over a stand-in engine.
// Called one after another, interleaved; what each adds is its p50 minus the delay.
// `node bench/http-latency-split.mjs [requests] [--delay MS] [--server DIR]` (--server: another
// build of packages/server beside this one, e.g. an older one).
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:http";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { median, percentile } from "./stats.mjs";

const REQUEST = JSON.stringify({ language: "python", source: "print(1)" });
const RESULT = {
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
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

function standInEngine(delayMs) {
  return {
    execute: async () => {
      await sleep(delayMs);
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

/** The server side (a child process): sends its URL, serves until SIGTERM. */
async function serve(kind, delayMs, serverDir) {
  let url;
  if (kind === "bare") {
    const bare = createServer((request, response) => {
      request.resume();
      request.on("end", async () => {
        await sleep(delayMs);
        response.setHeader("content-type", "application/json; charset=utf-8");
        response.end(JSON.stringify(RESULT));
      });
    });
    bare.listen(0, "127.0.0.1");
    await once(bare, "listening");
    url = `http://127.0.0.1:${bare.address().port}`;
  } else if (kind === "fastify") {
    const { default: Fastify } = await import("fastify");
    const app = Fastify();
    app.post("/v1/execute", async () => {
      await sleep(delayMs);
      return structuredClone(RESULT);
    });
    url = await app.listen({ port: 0, host: "127.0.0.1" });
  } else {
    const { startServer } = await import(
      serverDir ? pathToFileURL(`${serverDir}/dist/index.js`).href : "@warmbox/server"
    );
    const server = await startServer({
      engine: standInEngine(delayMs),
      host: "127.0.0.1",
      port: 0,
      staticDir: null,
      rateLimitPerMinute: 100_000_000,
      maxConcurrentPerClient: 64,
    });
    url = server.url;
  }
  process.on("SIGTERM", () => process.exit(0));
  process.send(url);
}

async function startChild(kind, delayMs, serverDir) {
  const child = spawn(
    process.execPath,
    [fileURLToPath(import.meta.url), `--serve=${kind}`, String(delayMs), serverDir ?? ""],
    { stdio: ["ignore", "ignore", "inherit", "ipc"] },
  );
  const [url] = await once(child, "message");
  return { url: `${url}/v1/execute`, stop: () => child.kill("SIGTERM") && once(child, "exit") };
}

async function timePost(url) {
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

const serveAt = process.argv.find((arg) => arg.startsWith("--serve="));
if (serveAt) {
  await serve(
    serveAt.slice("--serve=".length),
    Number(process.argv[3]),
    process.argv[4] || undefined,
  );
} else {
  const count = Number(process.argv[2] ?? 400);
  const delayAt = process.argv.indexOf("--delay");
  const delayMs = delayAt === -1 ? 5 : Number(process.argv[delayAt + 1]);
  const serverAt = process.argv.indexOf("--server");
  const serverDir = serverAt === -1 ? undefined : resolve(process.argv[serverAt + 1]);
  // With --server, that build of the Warmbox server too (e.g. an older one, to compare).
  const kinds = [
    "in this process",
    "bare",
    "fastify",
    "warmbox",
    ...(serverDir ? [serverDir] : []),
  ];
  const servers = await Promise.all(
    kinds
      .slice(1)
      .map((kind) =>
        kind === serverDir ? startChild("warmbox", delayMs, serverDir) : startChild(kind, delayMs),
      ),
  );
  const library = standInEngine(delayMs);
  const calls = [
    async () => {
      const started = performance.now();
      await library.execute();
      return performance.now() - started;
    },
    ...servers.map((server) => () => timePost(server.url)),
  ];
  try {
    const samples = kinds.map(() => []);
    for (let i = 0; i < count + 30; i++) {
      for (const [k, call] of calls.entries()) {
        const ms = await call();
        if (i >= 30) samples[k].push(ms - delayMs);
      }
    }
    for (const [k, kind] of kinds.entries()) {
      process.stdout.write(
        `${kind}: adds p50 ${median(samples[k])} ms, p95 ${percentile(samples[k], 95)} ms over the ${delayMs} ms run (n ${count})\n`,
      );
    }
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}
