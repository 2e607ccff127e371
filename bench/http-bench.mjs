// The HTTP layer's cost, measured as a user meets it: the server in its own process with its
// default settings (logging on), called with Node's plain `fetch`, side by side in one run with
// the library's execute() on an engine of the same size. Run alone: `node bench/http-bench.mjs
// [--quick] [--profile DIR] [--server DIR]` (--profile writes the server's CPU profile into DIR;
// --server runs another build of packages/server, e.g. an older one, to compare).
import { createEngine } from "@warmbox/engine";
import { startServerProcess } from "./server-process.mjs";
import { median, percentile, throughput, timeSequential } from "./stats.mjs";

const PYTHON_HELLO = { language: "python", source: "print(1)" };
const CONCURRENCIES = [1, 2, 4, 8, 16];
/** Python sandboxes of each side: as many as the highest concurrency, so none waits for one. */
export const HTTP_BENCH_POOL = 16;

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
    WARMBOX_RATE_LIMIT: "100000",
    WARMBOX_MAX_CONCURRENT_PER_CLIENT: "64",
  };
}

async function executeOk(engine) {
  const result = await engine.execute(PYTHON_HELLO);
  if (result.status !== "ok") throw new Error(`library: ${result.status} ${result.message ?? ""}`);
}

function poster(url) {
  return async () => {
    const response = await fetch(`${url}/v1/execute`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(PYTHON_HELLO),
    });
    const body = await response.json();
    if (body.status !== "ok") throw new Error(`HTTP: ${JSON.stringify(body)}`);
  };
}

const summary = (samples) => ({
  n: samples.length,
  p50: median(samples),
  p95: percentile(samples, 95),
});

/**
 * Python hello world over HTTP and through the library, interleaved one call each (latency),
 * then each side at every concurrency (throughput). `engine` is the library's side: an engine
 * with HTTP_BENCH_POOL warm python sandboxes. Resolves to the latency of both, the throughput
 * of both at each concurrency, and the best of each.
 */
export async function benchHttp({ engine, quick, log, profileDir, serverDir }) {
  const server = await startServerProcess({
    env: serverEnv(`bench-http-${process.pid}`),
    serverDir,
    nodeFlags: profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [],
  });
  try {
    const post = poster(server.url);
    const count = quick ? 30 : 300;
    const viaHttp = [];
    const viaLibrary = [];
    for (let i = 0; i < count; i++) {
      viaHttp.push(...(await timeSequential(post, { count: 1, warmup: i === 0 ? 20 : 0 })));
      viaLibrary.push(
        ...(await timeSequential(() => executeOk(engine), { count: 1, warmup: i === 0 ? 20 : 0 })),
      );
    }
    const latency = { http: summary(viaHttp), library: summary(viaLibrary) };
    log(`http p50 ${latency.http.p50} ms, library p50 ${latency.library.p50} ms`);
    const rates = { http: {}, library: {} };
    const seconds = quick ? 2 : 6;
    for (const concurrency of CONCURRENCIES) {
      rates.http[concurrency] = await throughput(post, { concurrency, seconds });
      rates.library[concurrency] = await throughput(() => executeOk(engine), {
        concurrency,
        seconds,
      });
      log(
        `concurrency ${concurrency}: http ${rates.http[concurrency]} runs/s, library ${rates.library[concurrency]} runs/s`,
      );
    }
    const best = {
      http: Math.max(...Object.values(rates.http)),
      library: Math.max(...Object.values(rates.library)),
    };
    return { latency, throughput: rates, best };
  } finally {
    await server.stop();
  }
}

/** The markdown section of benchHttp's result. */
export function httpMarkdown(result) {
  const { latency, throughput: rates, best } = result;
  return [
    "## HTTP: POST /v1/execute with fetch vs execute(), python hello (server process, default settings, logging on)",
    "",
    "| what | n | p50 | p95 |",
    "| --- | ---: | ---: | ---: |",
    `| over HTTP | ${latency.http.n} | ${latency.http.p50} | ${latency.http.p95} |`,
    `| execute(), interleaved | ${latency.library.n} | ${latency.library.p50} | ${latency.library.p95} |`,
    "",
    `| runs/s at concurrency | ${CONCURRENCIES.join(" | ")} | best |`,
    `| --- | ${CONCURRENCIES.map(() => "---:").join(" | ")} | ---: |`,
    `| over HTTP | ${CONCURRENCIES.map((c) => rates.http[c]).join(" | ")} | ${best.http} |`,
    `| execute() | ${CONCURRENCIES.map((c) => rates.library[c]).join(" | ")} | ${best.library} |`,
    "",
  ];
}

/** The targets the HTTP layer has: [target, measured, met]. */
export function httpTargets(result) {
  const added = result.latency.http.p50 - result.latency.library.p50;
  const share = result.best.http / result.best.library;
  return [
    ["HTTP (fetch) adds ≤ 1 ms p50 over execute()", `${added.toFixed(1)} ms`, added <= 1],
    [
      "HTTP throughput at its best concurrency ≥ 90 % of execute()'s",
      `${Math.round(share * 100)} % (${result.best.http} vs ${result.best.library} runs/s)`,
      share >= 0.9,
    ],
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const quick = process.argv.includes("--quick");
  const profileAt = process.argv.indexOf("--profile");
  const profileDir = profileAt === -1 ? undefined : process.argv[profileAt + 1];
  const serverAt = process.argv.indexOf("--server");
  const serverDir = serverAt === -1 ? undefined : process.argv[serverAt + 1];
  const log = (text) => process.stderr.write(`[http-bench] ${text}\n`);
  const engine = createEngine({
    engineId: `bench-${process.pid}`,
    languages: ["python"],
    pool: { min: HTTP_BENCH_POOL, max: HTTP_BENCH_POOL },
    maxQueue: 1000,
  });
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
