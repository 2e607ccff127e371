// The mixed load: Python, JavaScript and C hello worlds at once, 16 loops in all (each language
// a third of them), on one engine whose pools can hold every loop's sandbox. Per language: the
// runs completed per second and the p50/p95 of each run, as the caller waits for it. Alone:
// `node bench/mixed-bench.mjs [--quick]`.
import { pathToFileURL } from "node:url";
import { createEngine } from "@warmbox/engine";
import { median, percentile } from "./stats.mjs";

/** The hello world of each language of the mix (C is compiled, then run). */
const MIX = {
  python: { language: "python", source: "print(1)" },
  javascript: { language: "javascript", source: "console.log(1)" },
  c: { language: "c", source: '#include <stdio.h>\nint main(void){ puts("1"); return 0; }' },
};
export const MIXED_CONCURRENCY = 16;

/**
 * Runs the mix for `seconds` (after one warm-up run per loop) on `engine`, which must serve
 * python, javascript and c. Resolves to { concurrency, seconds, languages: { id: { loops, runs,
 * runsPerSecond, p50, p95, notOk } } }: runs, rates and times count the `ok` runs only.
 */
export async function benchMixed({ engine, quick, log }) {
  const ids = Object.keys(MIX);
  const loops = Array.from({ length: MIXED_CONCURRENCY }, (_, i) => ids[i % ids.length]);
  const failed = Object.fromEntries(ids.map((id) => [id, 0]));
  /** A run that is not `ok` (a timeout on an overloaded machine) is counted, not thrown. */
  const run = async (id) => {
    const result = await engine.execute(MIX[id]);
    if (result.status !== "ok") failed[id]++;
    return result.status === "ok";
  };
  await Promise.all(loops.map(run));
  for (const id of ids) failed[id] = 0;
  const seconds = quick ? 4 : 15;
  const samples = Object.fromEntries(ids.map((id) => [id, []]));
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    loops.map(async (id) => {
      while (performance.now() < deadline) {
        const before = performance.now();
        if (await run(id)) samples[id].push(performance.now() - before);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const languages = {};
  for (const id of ids) {
    languages[id] = {
      loops: loops.filter((loop) => loop === id).length,
      runs: samples[id].length,
      runsPerSecond: Math.round((samples[id].length / elapsed) * 10) / 10,
      p50: median(samples[id]),
      p95: percentile(samples[id], 95),
      notOk: failed[id],
    };
    log(`mixed: ${id} ${languages[id].runsPerSecond} runs/s, p50 ${languages[id].p50} ms`);
  }
  return { concurrency: MIXED_CONCURRENCY, seconds: Math.round(elapsed * 10) / 10, languages };
}

/** The engine options the mix needs: every loop of a language can hold its own sandbox. */
export function mixedEngineOptions(engineId) {
  return {
    engineId,
    languages: Object.keys(MIX),
    pool: { min: 1, max: MIXED_CONCURRENCY },
    maxQueue: 1000,
  };
}

/** The markdown section of benchMixed's result. */
export function mixedMarkdown(mixed) {
  const entries = Object.entries(mixed.languages);
  const total = entries.reduce((sum, [, row]) => sum + row.runsPerSecond, 0);
  return [
    `## Mixed load: Python, JavaScript and C hello worlds at concurrency ${mixed.concurrency} (execute(), ${mixed.seconds} s)`,
    "",
    "| language | loops | runs/s | p50 (ms) | p95 (ms) | not ok |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
    ...entries.map(
      ([id, row]) =>
        `| ${id} | ${row.loops} | ${row.runsPerSecond} | ${row.p50} | ${row.p95} | ${row.notOk} |`,
    ),
    `| all | ${mixed.concurrency} | ${Math.round(total * 10) / 10} | | | |`,
    "",
    "C is compiled, then run, on every call. Each loop waits for its run before it sends the next. Not ok: runs that ended otherwise (a time limit on an overloaded machine), left out of the rates and times.",
    "",
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const quick = process.argv.includes("--quick");
  const log = (text) => process.stderr.write(`[mixed-bench] ${text}\n`);
  const engine = createEngine(mixedEngineOptions(`bench-mixed-${process.pid}`));
  try {
    await engine.warmup();
    process.stdout.write(
      mixedMarkdown(await benchMixed({ engine, quick, log }))
        .join("\n")
        .concat("\n"),
    );
  } finally {
    await engine.close();
  }
}
