/** Percentile of a list of numbers (nearest rank), rounded to 0.1. */
export function percentile(values, p) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[rank] * 10) / 10;
}

export const median = (values) => percentile(values, 50);

/** Times `run` `count` times in a row, after `warmup` untimed runs; returns milliseconds. */
export async function timeSequential(run, { count, warmup = 20 }) {
  for (let i = 0; i < warmup; i++) await run();
  const samples = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return samples;
}

/** Runs `run` from `concurrency` loops for `seconds`; returns completed runs per second. */
export async function throughput(run, { concurrency, seconds }) {
  const deadline = performance.now() + seconds * 1000;
  let done = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        await run();
        done++;
      }
    }),
  );
  return Math.round((done / ((performance.now() - started) / 1000)) * 10) / 10;
}
