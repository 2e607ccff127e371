// node bench/java-bench.mjs [--quick]: only the Java rows of `npm run bench`, in one run — each
// warmed step alone beside today's command, execute() of a hello compile + run, and the judge
// row — for working on the JVM's start without the whole bench. Prints markdown; writes nothing.
import { createEngine } from "@warmbox/engine";
import { benchJudge, judgeMarkdown } from "./judge-bench.mjs";
import { median, percentile, timeSequential } from "./stats.mjs";
import { benchTechniques, JAVA_HELLO, JAVA_TECHNIQUES } from "./toolchain-bench.mjs";

const quick = process.argv.includes("--quick");
const log = (text) => process.stderr.write(`[java-bench] ${text}\n`);
const rows = [];
function latencyRow(name, samples) {
  const row = { name, n: samples.length, p50: median(samples), p95: percentile(samples, 95) };
  rows.push(row);
  log(`${name}: p50 ${row.p50} ms, p95 ${row.p95} ms (n=${row.n})`);
  return row;
}

const today = await benchTechniques(JAVA_TECHNIQUES, { quick, log, latencyRow });
const engine = createEngine({ engineId: `java-bench-${process.pid}`, languages: ["java"] });
let warm;
try {
  await engine.warmup();
  warm = latencyRow(
    "warmbox execute(): java hello (compile + run)",
    await timeSequential(
      async () => {
        const result = await engine.execute({
          language: "java",
          source: JAVA_HELLO,
          compileLimits: { timeMs: 30_000 },
        });
        if (result.status !== "ok") throw new Error(`java: ${result.status}`);
      },
      { count: quick ? 3 : 10, warmup: 1 },
    ),
  );
} finally {
  await engine.close();
}
const judge = await benchJudge({ quick, log, languages: ["java"] });

const ratio = warm.p50 / today.java.p50;
console.log(
  [
    "| row | n | p50 | p95 |",
    "| --- | ---: | ---: | ---: |",
    ...rows.map((row) => `| ${row.name} | ${row.n} | ${row.p50} | ${row.p95} |`),
    "",
    `java hello compile + run ≤ 0.6 × today's: ${warm.p50} ms vs ${today.java.p50} ms: ${ratio.toFixed(2)}× (${ratio <= 0.6 ? "met" : "not met"})`,
    "",
    ...judgeMarkdown(judge.rows),
  ].join("\n"),
);
