// node bench/java-ab.mjs BASELINE_ENGINE_DIR [--rounds N] [--version 17|21]: Java hello compile +
// run through execute(), A/B interleaved in one run: A is the @warmbox/engine package folder
// given (a build of another commit, with its own images/), B is this checkout's. Each round runs
// one job on each, alternating which goes first, so load on a shared machine hits both alike.
// Prints the median of the whole job and of each stage's wall and CPU time, and B/A.
// --compile-cpus N adds side C: B with the request's compileLimits.cpus set to N.
//
// A baseline folder from commit C (next to this checkout, sharing its node_modules):
//   git archive C packages/engine | tar -x -C /tmp/base && (cd /tmp/base/packages/engine &&
//   ln -s "$PWD/../../../node_modules" . ; npm run build)   # or copy this checkout's dist/ when
//   only images/ differ; then `node packages/engine/dist/cli.js images build java@*` there.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { createEngine as createEngineB } from "@warmbox/engine";
import { median } from "./stats.mjs";
import { JAVA_HELLO } from "./toolchain-bench.mjs";

const [baselineDir] = process.argv.slice(2).filter((arg) => !arg.startsWith("--"));
if (!baselineDir) throw new Error("usage: node bench/java-ab.mjs BASELINE_ENGINE_DIR [--rounds N]");
const option = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at < 0 ? fallback : process.argv[at + 1];
};
const rounds = Number(option("--rounds", 15));
const version = option("--version", undefined);
const language = version ? `java@${version}` : "java";
const log = (text) => process.stderr.write(`[java-ab] ${text}\n`);

const { createEngine: createEngineA } = await import(
  pathToFileURL(resolve(baselineDir, "dist/index.js")).href
);
const engines = {
  A: createEngineA({ engineId: `java-ab-a-${process.pid}`, languages: [language] }),
  B: createEngineB({ engineId: `java-ab-b-${process.pid}`, languages: [language] }),
};
const compileCpus = option("--compile-cpus", undefined);
const sides = compileCpus ? ["A", "B", "C"] : ["A", "B"];
engines.C = engines.B;
const compileLimits = (side) => ({
  timeMs: 30_000,
  ...(side === "C" && { cpus: Number(compileCpus) }),
});
const samples = { A: [], B: [], C: [] };
try {
  await Promise.all([engines.A.warmup(), engines.B.warmup()]);
  for (let round = -1; round < rounds; round++) {
    for (const side of round % 2 ? sides : [...sides].reverse()) {
      const started = performance.now();
      const result = await engines[side].execute({
        language: "java",
        ...(version && { version }),
        source: JAVA_HELLO,
        compileLimits: compileLimits(side),
      });
      const total = performance.now() - started;
      if (result.status !== "ok" || result.run.stdout !== "1\n")
        throw new Error(`${side}: ${result.status} ${JSON.stringify(result)}`);
      // Round -1 warms both sides up and is not counted.
      if (round >= 0)
        samples[side].push({
          total,
          compileWall: result.compile.wallMs,
          compileCpu: result.compile.cpuMs,
          runWall: result.run.wallMs,
          runCpu: result.run.cpuMs,
        });
    }
    if (round >= 0) log(`round ${round + 1}/${rounds}`);
  }
} finally {
  await Promise.all([engines.A.close(), engines.B.close()]);
}

const fields = ["total", "compileWall", "compileCpu", "runWall", "runCpu"];
const p50 = (side, field) => median(samples[side].map((sample) => sample[field]));
console.log(
  [
    `${language} hello compile + run through execute(), ${rounds} interleaved rounds (p50, ms)`,
    "",
    `| | A (baseline) | B (this checkout) | B/A |${compileCpus ? ` C (B, compile cpus ${compileCpus}) | C/A |` : ""}`,
    `| --- | ---: | ---: | ---: |${compileCpus ? " ---: | ---: |" : ""}`,
    ...fields.map((field) => {
      const [a, b, c] = sides.map((side) => p50(side, field));
      const cells = [a.toFixed(1), b.toFixed(1), (b / a).toFixed(2)];
      if (compileCpus) cells.push(c.toFixed(1), (c / a).toFixed(2));
      return `| ${field} | ${cells.join(" | ")} |`;
    }),
  ].join("\n"),
);
