// The HTTP layer's cost, measured as a user meets it: the server in its own process with its
// default settings (logging on), called with Node's plain `fetch`, side by side in one run with
// the library's execute() on an engine of the same size and with a bare node:http server over
// its own such engine (bench/bare-http-server.mjs), what any Node server pays. Run alone:
// `node bench/http-bench.mjs [--quick] [--profile DIR] [--server DIR]` (--profile writes the
// server's CPU profile into DIR; --server runs another build of packages/server, e.g. an older
// one, to compare).
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createEngine } from "@warmbox/engine";
import { startServerProcess } from "./server-process.mjs";
import { median, percentile, throughput, timeSequential } from "./stats.mjs";

const TRACE_PRELOAD = fileURLToPath(new URL("./http-trace-preload.mjs", import.meta.url));
const BARE_SERVER = fileURLToPath(new URL("./bare-http-server.mjs", import.meta.url));

const PYTHON_HELLO = { language: "python", source: "print(1)" };
const CONCURRENCIES = [1, 2, 4, 8, 16];
/** Python sandboxes of each side: as many as the highest concurrency, so none waits for one. */
export const HTTP_BENCH_POOL = 16;
/** Per-client limits of the server: on (their hooks run), sized for one client at 16 at once. */
const SERVER_RATE_LIMIT = 100_000;
const SERVER_MAX_CONCURRENT_PER_CLIENT = 64;

/**
 * What each side is, for the report: the same engine settings on both (python only, the same
 * pool, templates on, runc, the engine's default limits and queue of 1000).
 */
export const HTTP_BENCH_SIDES = [
  `every side: one engine each, python only, ${HTTP_BENCH_POOL} warm sandboxes (pool min = max = ${HTTP_BENCH_POOL}), templates on, runc, default limits, queue of 1000`,
  `over HTTP: \`node packages/server/dist/main.js\` in its own process, default settings (auth hooks, body validation, per-client limits on: ${SERVER_RATE_LIMIT}/min and ${SERVER_MAX_CONCURRENT_PER_CLIENT} at once; metrics; logging at info into a file), called with Node's \`fetch\` (keep-alive) from the bench process`,
  "bare node:http: the least any Node HTTP server over the engine costs: `bench/bare-http-server.mjs` in its own process (node:http, JSON.parse, execute(), JSON.stringify; no framework, hooks or log) over its own engine, called with `fetch` like the server",
  "execute(): the library in the bench process, called directly",
];

/** The engine options of the library's side and of the bare node:http server's. */
export function httpBenchEngineOptions(engineId) {
  return {
    engineId,
    languages: ["python"],
    pool: { min: HTTP_BENCH_POOL, max: HTTP_BENCH_POOL },
    maxQueue: 1000,
  };
}

/** bench/bare-http-server.mjs in its own process over its own engine; resolves once it serves. */
async function startBareServer() {
  const child = spawn(process.execPath, [BARE_SERVER], {
    env: {
      ...process.env,
      WARMBOX_BARE_ENGINE: JSON.stringify(httpBenchEngineOptions(`bench-bare-${process.pid}`)),
    },
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  const exited = once(child, "exit");
  const [url] = await Promise.race([
    once(child, "message"),
    exited.then(([code]) => {
      throw new Error(`the bare node:http server exited with ${code}`);
    }),
  ]);
  return {
    url,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/**
 * The server's settings: its defaults but for the pool and the per-client limits, which stay on
 * (their hooks run) but sized so one benchmarking client at concurrency 16 is not refused.
 */
function serverEnv(engineId) {
  return {
    WARMBOX_ENGINE_ID: engineId,
    WARMBOX_LANGUAGES: "python",
    WARMBOX_WARM_LANGUAGES: "python",
    WARMBOX_POOL_MIN: String(HTTP_BENCH_POOL),
    WARMBOX_POOL_MAX: String(HTTP_BENCH_POOL),
    WARMBOX_MAX_QUEUE: "1000",
    WARMBOX_RATE_LIMIT: String(SERVER_RATE_LIMIT),
    WARMBOX_MAX_CONCURRENT_PER_CLIENT: String(SERVER_MAX_CONCURRENT_PER_CLIENT),
  };
}

async function executeOk(engine) {
  const result = await engine.execute(PYTHON_HELLO);
  if (result.status !== "ok") throw new Error(`library: ${result.status} ${result.message ?? ""}`);
}

/** The system's monotonic clock in ms, the one the server's trace uses (http-trace-preload.mjs). */
const now = () => Number(process.hrtime.bigint()) / 1e6;

/** POSTs the hello world; with `marks`, keeps when it sent, had the head, had the body. */
function poster(url, marks) {
  return async () => {
    const sent = now();
    const response = await fetch(`${url}/v1/execute`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(PYTHON_HELLO),
    });
    const head = now();
    const body = await response.json();
    marks?.push([sent, head, now()]);
    if (body.status !== "ok") throw new Error(`HTTP: ${JSON.stringify(body)}`);
  };
}

/**
 * Where an HTTP call's time went (p50 of each part, ms), from the bench's marks and the
 * server's trace of the same calls, in order: to the server (fetch sends, the kernel carries,
 * Node parses the head), in the server (body, hooks, the engine's run, the answer written),
 * back (the head reaches fetch), and fetch reading the body.
 */
function pathOf(marks, served) {
  const parts = { toServer: [], inServer: [], back: [], body: [] };
  marks.forEach(([sent, head, done], i) => {
    const [arrived, answered] = served[i];
    parts.toServer.push(arrived - sent);
    parts.inServer.push(answered - arrived);
    parts.back.push(head - answered);
    parts.body.push(done - head);
  });
  return Object.fromEntries(Object.entries(parts).map(([part, ms]) => [part, median(ms)]));
}

/** Lines of the server's log: the request lines of /v1/execute, and every line. */
function logLines(logFile) {
  const lines = readFileSync(logFile, "utf8").split("\n").filter(Boolean);
  const requests = lines.filter((line) => {
    const entry = JSON.parse(line);
    return entry.msg === "request completed" && entry.req?.url === "/v1/execute";
  });
  return { requests: requests.length, all: lines.length };
}

const summary = (samples) => ({
  n: samples.length,
  p50: median(samples),
  p95: percentile(samples, 95),
});

/**
 * The server's throughput at each concurrency with WARMBOX_TEMPLATES=false (every run starts its
 * interpreter anew), the same settings otherwise: the "without the template" side of the HTTP
 * throughput target. Runs after the other servers stopped, so their sandboxes don't share the CPU.
 */
async function serverThroughput({ serverDir, seconds, log }) {
  const scratch = mkdtempSync(join(tmpdir(), "warmbox-http-bench-"));
  const server = await startServerProcess({
    env: { ...serverEnv(`bench-http-nt-${process.pid}`), WARMBOX_TEMPLATES: "false" },
    serverDir,
    logFile: join(scratch, "server.log"),
  });
  try {
    const post = poster(server.url);
    for (let i = 0; i < 20; i++) await post();
    const rates = {};
    for (const concurrency of CONCURRENCIES) {
      rates[concurrency] = await throughput(post, { concurrency, seconds });
      log(`concurrency ${concurrency}: http without templates ${rates[concurrency]} runs/s`);
    }
    return rates;
  } finally {
    await server.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Python hello world over HTTP and through the library, interleaved one call each (latency),
 * then each side at every concurrency (throughput). `engine` is the library's side: an engine
 * with HTTP_BENCH_POOL warm python sandboxes. Resolves to the latency of both, the throughput
 * of both at each concurrency, and the best of each.
 */
export async function benchHttp({ engine, quick, log, profileDir, serverDir }) {
  const scratch = mkdtempSync(join(tmpdir(), "warmbox-http-bench-"));
  const traceFile = join(scratch, "trace.json");
  const logFile = join(scratch, "server.log");
  const server = await startServerProcess({
    env: { ...serverEnv(`bench-http-${process.pid}`), WARMBOX_BENCH_TRACE: traceFile },
    serverDir,
    logFile,
    nodeFlags: [
      "--import",
      TRACE_PRELOAD,
      ...(profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []),
    ],
  });
  let stopped = false;
  const bare = await startBareServer().catch(async (error) => {
    await server.stop();
    throw error;
  });
  try {
    const post = poster(server.url);
    const bareTimedPost = poster(bare.url);
    const marks = [];
    const tracedPost = poster(server.url, marks);
    const count = quick ? 30 : 300;
    const viaHttp = [];
    const viaBare = [];
    const viaLibrary = [];
    for (let i = 0; i < 20; i++) await post();
    for (let i = 0; i < count; i++) {
      viaHttp.push(...(await timeSequential(tracedPost, { count: 1, warmup: 0 })));
      viaBare.push(
        ...(await timeSequential(bareTimedPost, { count: 1, warmup: i === 0 ? 20 : 0 })),
      );
      viaLibrary.push(
        ...(await timeSequential(() => executeOk(engine), { count: 1, warmup: i === 0 ? 20 : 0 })),
      );
    }
    const latency = {
      http: summary(viaHttp),
      bare: summary(viaBare),
      library: summary(viaLibrary),
    };
    log(
      `http p50 ${latency.http.p50} ms, bare node:http p50 ${latency.bare.p50} ms, library p50 ${latency.library.p50} ms`,
    );
    const latencyCalls = marks.length;
    const rates = { http: {}, bare: {}, library: {} };
    const seconds = quick ? 2 : 6;
    for (const concurrency of CONCURRENCIES) {
      rates.http[concurrency] = await throughput(post, { concurrency, seconds });
      rates.bare[concurrency] = await throughput(bareTimedPost, { concurrency, seconds });
      rates.library[concurrency] = await throughput(() => executeOk(engine), {
        concurrency,
        seconds,
      });
      log(
        `concurrency ${concurrency}: http ${rates.http[concurrency]} runs/s, bare ${rates.bare[concurrency]} runs/s, library ${rates.library[concurrency]} runs/s`,
      );
    }
    const best = {
      http: Math.max(...Object.values(rates.http)),
      bare: Math.max(...Object.values(rates.bare)),
      library: Math.max(...Object.values(rates.library)),
    };
    await server.stop();
    stopped = true;
    // The trace holds every call; the marked ones are the latency loop's, which came first
    // after the 20 warm-up calls.
    const served = JSON.parse(readFileSync(traceFile, "utf8"));
    const path = pathOf(marks, served.slice(20, 20 + latencyCalls));
    log(`http path p50s: ${JSON.stringify(path)}`);
    const logged = { ...logLines(logFile), calls: served.length };
    rates.httpNoTemplates = await serverThroughput({ serverDir, seconds, log });
    best.httpNoTemplates = Math.max(...Object.values(rates.httpNoTemplates));
    return { latency, path, log: logged, throughput: rates, best };
  } finally {
    await bare.stop();
    if (!stopped) await server.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The markdown section of benchHttp's result. */
export function httpMarkdown(result) {
  const { latency, path, throughput: rates, best } = result;
  return [
    "## HTTP: POST /v1/execute with fetch vs execute(), python hello (server process, default settings, logging on)",
    "",
    ...HTTP_BENCH_SIDES.map((side) => `- ${side}`),
    ...(result.log
      ? [
          `- the server's log: ${result.log.requests} request lines for ${result.log.calls} calls of /v1/execute (${result.log.all} lines in all: the engine logs each run too)`,
        ]
      : []),
    "",
    "| what | n | p50 | p95 |",
    "| --- | ---: | ---: | ---: |",
    `| over HTTP | ${latency.http.n} | ${latency.http.p50} | ${latency.http.p95} |`,
    ...(latency.bare
      ? [
          `| bare node:http over the engine, interleaved | ${latency.bare.n} | ${latency.bare.p50} | ${latency.bare.p95} |`,
        ]
      : []),
    `| execute(), interleaved | ${latency.library.n} | ${latency.library.p50} | ${latency.library.p95} |`,
    "",
    ...(path
      ? [
          "Where an HTTP call's time went (p50 of each part, ms; the server's part from Node's own marks of the same calls):",
          "",
          "| to the server (fetch sends, head parsed) | in the server (body, hooks, the run, answer written) | back (head reaches fetch) | fetch reads the body |",
          "| ---: | ---: | ---: | ---: |",
          `| ${path.toServer} | ${path.inServer} | ${path.back} | ${path.body} |`,
          "",
        ]
      : []),
    `| runs/s at concurrency | ${CONCURRENCIES.join(" | ")} | best |`,
    `| --- | ${CONCURRENCIES.map(() => "---:").join(" | ")} | ---: |`,
    `| over HTTP | ${CONCURRENCIES.map((c) => rates.http[c]).join(" | ")} | ${best.http} |`,
    ...(rates.bare
      ? [
          `| bare node:http | ${CONCURRENCIES.map((c) => rates.bare[c]).join(" | ")} | ${best.bare} |`,
        ]
      : []),
    `| execute() | ${CONCURRENCIES.map((c) => rates.library[c]).join(" | ")} | ${best.library} |`,
    ...(rates.httpNoTemplates
      ? [
          `| over HTTP, templates off (WARMBOX_TEMPLATES=false, measured after) | ${CONCURRENCIES.map((c) => rates.httpNoTemplates[c]).join(" | ")} | ${best.httpNoTemplates} |`,
        ]
      : []),
    "",
  ];
}

/** The targets the HTTP layer has: [target, measured, met]. */
export function httpTargets(result) {
  const { latency, best } = result;
  const added = latency.http.p50 - latency.library.p50;
  const share = best.http / best.library;
  // What a bare node:http server over the engine reaches in the same run: the part of the
  // target that no Node server (fetch, the loopback hop, a second process) goes below.
  const bareAdded = latency.bare
    ? `; bare node:http adds ${(latency.bare.p50 - latency.library.p50).toFixed(1)} ms`
    : "";
  const bareShare = best.bare
    ? `; bare node:http ${Math.round((best.bare / best.library) * 100)} %`
    : "";
  return [
    [
      "HTTP (fetch) adds ≤ 1 ms p50 over execute()",
      `${added.toFixed(1)} ms${bareAdded}`,
      added <= 1,
    ],
    [
      "HTTP throughput at its best concurrency ≥ 90 % of execute()'s",
      `${Math.round(share * 100)} % (${best.http} vs ${best.library} runs/s)${bareShare}`,
      share >= 0.9,
    ],
    ...(best.httpNoTemplates
      ? [
          [
            "python hello throughput over HTTP ≥ 2 × without the template (best concurrency)",
            `${best.http} vs ${best.httpNoTemplates} runs/s: ${(best.http / best.httpNoTemplates).toFixed(2)}×`,
            best.http >= 2 * best.httpNoTemplates,
          ],
        ]
      : []),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const quick = process.argv.includes("--quick");
  const profileAt = process.argv.indexOf("--profile");
  const profileDir = profileAt === -1 ? undefined : process.argv[profileAt + 1];
  const serverAt = process.argv.indexOf("--server");
  const serverDir = serverAt === -1 ? undefined : process.argv[serverAt + 1];
  const log = (text) => process.stderr.write(`[http-bench] ${text}\n`);
  const engine = createEngine(httpBenchEngineOptions(`bench-${process.pid}`));
  try {
    await engine.warmup();
    const result = await benchHttp({ engine, quick, log, profileDir, serverDir });
    process.stdout.write(
      [...httpMarkdown(result), ...httpTargets(result).map((t) => `- ${t.join(": ")}`), ""].join(
        "\n",
      ),
    );
  } finally {
    await engine.close();
  }
}
