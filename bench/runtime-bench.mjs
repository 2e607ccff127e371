// The runtime rows of `npm run bench`: python under runc and under gVisor (runsc) side by side,
// in one run: the floor (the interpreter alone in a running container), warm execute() p50,
// and sustained throughput. Alone: `node bench/runtime-bench.mjs [--quick]`.
import { createEngine, languageImageTag } from "@warmbox/engine";
import { floorSamples } from "./docker-baselines.mjs";
import { median, percentile, throughput, timeSequential } from "./stats.mjs";

const RUNTIMES = ["runc", "runsc"];
const CONCURRENCIES = [1, 2, 4];
const hello = { language: "python", source: "print(1)" };

/** One runtime's rows: floor and warm p50/p95 (ms), runs/s at each concurrency. */
async function benchRuntime(runtime, { quick, log }) {
  const n = (full) => (quick ? Math.max(5, Math.round(full / 10)) : full);
  const floor = await floorSamples(languageImageTag("python"), "python3 -c 'print(1)'", {
    count: n(100),
    runtime,
  });
  const engine = createEngine({
    engineId: `bench-${runtime}-${process.pid}`,
    languages: ["python"],
    runtime,
    pool: { min: 4, max: 4 },
  });
  try {
    await engine.warmup();
    const run = async () => {
      const result = await engine.execute(hello);
      if (result.status !== "ok") throw new Error(`${runtime}: ${result.status} ${result.message}`);
    };
    const warm = await timeSequential(run, { count: n(200) });
    const rates = {};
    for (const concurrency of CONCURRENCIES) {
      rates[concurrency] = await throughput(run, { concurrency, seconds: quick ? 2 : 6 });
    }
    const row = {
      runtime,
      floorP50: median(floor),
      warmP50: median(warm),
      warmP95: percentile(warm, 95),
      n: warm.length,
      rates,
    };
    log(
      `${runtime}: floor p50 ${row.floorP50} ms, warm p50 ${row.warmP50} ms, ${JSON.stringify(rates)} runs/s`,
    );
    return row;
  } finally {
    await engine.close();
  }
}

/** Rows for both runtimes, one after the other on the same machine. */
export async function benchRuntimes({ quick, log }) {
  const rows = [];
  for (const runtime of RUNTIMES) rows.push(await benchRuntime(runtime, { quick, log }));
  return rows;
}

/** The markdown section of the runtime rows. */
export function runtimeMarkdown(rows) {
  return [
    "## Runtimes: python under runc and gVisor (runsc)",
    "",
    `| runtime | floor p50 (ms) | warm execute() p50 (ms) | p95 (ms) | ${CONCURRENCIES.map((c) => `runs/s ×${c}`).join(" | ")} |`,
    `| --- | ---: | ---: | ---: | ${CONCURRENCIES.map(() => "---:").join(" | ")} |`,
    ...rows.map(
      (r) =>
        `| ${r.runtime} | ${r.floorP50} | ${r.warmP50} | ${r.warmP95} | ${CONCURRENCIES.map((c) => r.rates[c]).join(" | ")} |`,
    ),
    "",
    "Floor: `python3 -c 'print(1)'` timed inside a running container of that runtime. See docs/runtimes.md for when to choose which.",
    "",
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await benchRuntimes({
    quick: process.argv.includes("--quick"),
    log: (text) => process.stderr.write(`[bench] ${text}\n`),
  });
  process.stdout.write(runtimeMarkdown(rows).join("\n"));
}
