// npm run bench: Warmbox side by side with the interpreter alone and with `docker run --rm`,
// all in one run on this machine. Writes bench/results/latest.md and latest.json.
import { writeFile } from "node:fs/promises";
import { createEngine } from "@warmbox/engine";
import {
  dockerVersion,
  floorSamples,
  idleSandboxMemory,
  naiveDockerRun,
} from "./docker-baselines.mjs";
import { benchHttp, HTTP_BENCH_POOL, httpMarkdown, httpTargets } from "./http-bench.mjs";
import { benchJudge, judgeMarkdown } from "./judge-bench.mjs";
import { imageTags, machine } from "./machine.mjs";
import { benchMixed, mixedEngineOptions, mixedMarkdown } from "./mixed-bench.mjs";
import { benchRuntimes, runtimeMarkdown } from "./runtime-bench.mjs";
import { median, percentile, throughput, timeSequential } from "./stats.mjs";
import { benchTemplates, TEMPLATE_HELLOS, templatesMarkdown } from "./template-bench.mjs";
import { benchToolchains } from "./toolchain-bench.mjs";

const QUICK = process.argv.includes("--quick");
const N = (full) => (QUICK ? Math.max(5, Math.round(full / 10)) : full);
const rows = [];
const log = (text) => process.stderr.write(`[bench] ${text}\n`);

function latencyRow(name, samples, extra = {}) {
  const row = {
    name,
    n: samples.length,
    p50: median(samples),
    p95: percentile(samples, 95),
    ...extra,
  };
  rows.push(row);
  log(`${name}: p50 ${row.p50} ms, p95 ${row.p95} ms (n=${row.n})`);
  return row;
}

const hello = {
  python: { language: "python", source: "print(1)" },
  javascript: { language: "javascript", source: "console.log(1)" },
  cpp: { language: "cpp", source: '#include <cstdio>\nint main(){ std::puts("1"); }' },
  java: {
    language: "java",
    source: "public class Main { public static void main(String[] a) { System.out.println(1); } }",
  },
};

async function executeOk(engine, request) {
  const result = await engine.execute(request);
  if (result.status !== "ok")
    throw new Error(`${request.language}: ${result.status} ${result.message ?? ""}`);
}

const tags = imageTags();
log("floors: the program alone, timed inside an already running container");
const floorPython = latencyRow(
  "floor: python3 -c 'print(1)'",
  await floorSamples(tags.python, "python3 -c 'print(1)'", { count: N(200) }),
);
/** The floors of the other languages with a template (Python's is above). */
const templateFloors = {};
for (const language of ["php", "ruby"]) {
  const { floor } = TEMPLATE_HELLOS[language];
  templateFloors[language] = latencyRow(
    `floor: ${floor}`,
    await floorSamples(tags[language], floor, { count: N(100) }),
  );
}
const floorNode = latencyRow(
  "floor: node -e 'console.log(1)'",
  await floorSamples(tags.javascript, "node -e 'console.log(1)'", { count: N(100) }),
);
latencyRow(
  "floor: precompiled C hello",
  await floorSamples(tags.c, "./hello", {
    count: N(200),
    setup: "printf '#include <stdio.h>\\nint main(){puts(\"1\");}' > h.c && gcc -O2 -o hello h.c",
  }),
);

log("naive peer: docker run --rm per execution");
const naive = latencyRow(
  "naive: docker run --rm python3 -c 'print(1)'",
  await timeSequential(() => naiveDockerRun(tags.python, ["python3", "-c", "print(1)"]), {
    count: N(30),
    warmup: 2,
  }),
);

const ENGINE_ID = `bench-${process.pid}`;
const engine = createEngine({
  engineId: ENGINE_ID,
  languages: ["python", "javascript", "cpp", "java"],
  pool: {
    min: 1,
    max: 16,
    perLanguage: { python: { min: HTTP_BENCH_POOL, max: HTTP_BENCH_POOL } },
  },
  maxQueue: 1000,
});
try {
  await engine.warmup();
  log("warmbox: sequential execute() latency");
  const warmPython = latencyRow(
    "warmbox execute(): python hello",
    await timeSequential(() => executeOk(engine, hello.python), { count: N(300) }),
  );
  const warmJavascript = latencyRow(
    "warmbox execute(): javascript hello",
    await timeSequential(() => executeOk(engine, hello.javascript), { count: N(100) }),
  );
  latencyRow(
    "warmbox execute(): c++ hello (compile + run)",
    await timeSequential(() => executeOk(engine, hello.cpp), { count: N(20) }),
  );
  const warmJava = latencyRow(
    "warmbox execute(): java hello (compile + run)",
    await timeSequential(() => executeOk(engine, hello.java), { count: N(10), warmup: 1 }),
  );

  const toolchainTargets = await benchToolchains({
    engine,
    quick: QUICK,
    log,
    latencyRow,
    floorNode,
    warm: { javascript: warmJavascript, java: warmJava },
  });

  log("warmbox: sustained throughput, python hello");
  const rates = {};
  for (const concurrency of [1, 2, 4, 8, 16]) {
    rates[concurrency] = await throughput(() => executeOk(engine, hello.python), {
      concurrency,
      seconds: QUICK ? 2 : 6,
    });
    log(`concurrency ${concurrency}: ${rates[concurrency]} runs/s`);
  }

  log("http: POST /v1/execute with fetch (server process, default settings) vs execute()");
  let http;
  try {
    http = await benchHttp({ engine, quick: QUICK, log });
  } catch (error) {
    log(`http part skipped: ${error.message}`);
  }

  const memory = {
    idleByLanguage: idleMemoryByLanguage(await idleSandboxMemory(ENGINE_ID)),
    engineRssMiB: Math.round(process.memoryUsage().rss / 1_048_576),
  };
  log("judge: a C++ and a Java solution against 50 tests, compiled once");
  const judge = await benchJudge({ quick: QUICK, log });
  log("runtimes: python under runc and gVisor (runsc)");
  const runtimes = await benchRuntimes({ quick: QUICK, log });
  const templates = await benchTemplates({ quick: QUICK, log, floorP50: floorPython.p50 });
  rows.push(...templates.rows);
  const otherTemplates = [];
  for (const [language, floor] of Object.entries(templateFloors)) {
    const result = await benchTemplates({ language, quick: QUICK, log, floorP50: floor.p50 });
    rows.push(...result.rows);
    otherTemplates.push(result);
  }
  log("mixed load: python, javascript and c hello worlds at once");
  const mixed = await withEngine(mixedEngineOptions(`bench-mixed-${process.pid}`), (own) =>
    benchMixed({ engine: own, quick: QUICK, log }),
  );
  const best = Math.max(...Object.values(rates));
  const targets = [
    [
      "warm python p50 within 5 ms of the floor",
      `${(warmPython.p50 - floorPython.p50).toFixed(1)} ms over`,
      warmPython.p50 - floorPython.p50 <= 5,
    ],
    [
      "≥ 20× faster p50 than docker run --rm",
      `${(naive.p50 / warmPython.p50).toFixed(1)}×`,
      naive.p50 / warmPython.p50 >= 20,
    ],
    ["≥ 100 python hello worlds/s sustained", `${best} runs/s`, best >= 100],
    ...(http ? httpTargets(http) : []),
    ...toolchainTargets,
    ...judge.targets,
    ...templates.targets,
  ];
  const report = {
    machine: { ...(await machine()), docker: await dockerVersion() },
    quick: QUICK,
    latency: rows,
    throughput: rates,
    http,
    memory,
    judge: judge.rows,
    runtimes,
    templates: [templates, ...otherTemplates].map(({ rows: _, ...summary }) => summary),
    mixed,
    targets,
  };
  await writeFile(
    new URL("./results/latest.json", import.meta.url),
    `${JSON.stringify(report, null, 2)}\n`,
  );
  await writeFile(new URL("./results/latest.md", import.meta.url), markdown(report));
  process.stdout.write(markdown(report));
} finally {
  await engine.close();
}

/** Runs `work` on a warm engine of its own, closed afterwards. */
async function withEngine(options, work) {
  const own = createEngine(options);
  try {
    await own.warmup();
    return await work(own);
  } finally {
    await own.close();
  }
}

/** Bytes in MiB, one decimal (a declaration: the run above uses it before this line). */
function mib(bytes) {
  return Math.round((bytes / 1_048_576) * 10) / 10;
}

/** Median host memory of the idle sandboxes of each language (MiB): cgroup, shim, both. */
function idleMemoryByLanguage(idle) {
  const byLanguage = {};
  for (const language of [...new Set(idle.map((s) => s.language))].sort()) {
    const own = idle.filter((s) => s.language === language);
    byLanguage[language] = {
      sandboxes: own.length,
      cgroupMiB: mib(median(own.map((s) => s.cgroup))),
      shimMiB: mib(median(own.map((s) => s.shim))),
      totalMiB: mib(median(own.map((s) => s.cgroup + s.shim))),
    };
  }
  return byLanguage;
}

/**
 * The Memory section: each language's idle sandboxes as the main engine left them (templates
 * on, the default; a language with a template starts it at its first run), then each templated
 * language's with the template on and off from two engines alike but for it (template-bench.mjs).
 */
function memoryMarkdown(memory, templates) {
  return [
    "## Memory",
    "",
    "Per idle warm sandbox: its cgroup's memory usage + its containerd shim's RSS (medians), after the runs above; templates on (the default).",
    "",
    "| language | template | idle sandboxes | cgroup (MiB) | shim (MiB) | total (MiB) |",
    "| --- | --- | ---: | ---: | ---: | ---: |",
    ...Object.entries(memory.idleByLanguage).map(
      ([language, m]) =>
        `| ${language} | ${language in TEMPLATE_HELLOS ? "on" : "none"} | ${m.sandboxes} | ${m.cgroupMiB} | ${m.shimMiB} | ${m.totalMiB} |`,
    ),
    ...templates.flatMap(({ language, memory: { on, off } }) => [
      `| ${language}, template-bench engine | on | ${on.sandboxes} | ${on.cgroup} | | ${on.total} |`,
      `| ${language}, template-bench engine | off | ${off.sandboxes} | ${off.cgroup} | | ${off.total} |`,
    ]),
    "",
    ...templates.map(
      ({ language, memory: { on, off } }) =>
        `- templates on vs off, ${language}: ${on.total} vs ${off.total} MiB per idle sandbox (+${Math.round((on.total - off.total) * 10) / 10} MiB: the waiting interpreter)`,
    ),
    `- engine process RSS with the pools warm: ${memory.engineRssMiB} MiB`,
    "",
  ];
}

function markdown(report) {
  const m = report.machine;
  const lines = [
    "# Warmbox benchmark",
    "",
    `Machine: ${m.cpus}× ${m.cpuModel}, ${m.memoryGiB} GiB, ${m.os}, kernel ${m.kernel}, Docker ${m.docker}, Node ${m.node}. Date: ${m.date}.${report.quick ? " (quick run: fewer samples)" : ""}`,
    "",
    "## Latency (ms)",
    "",
    "| what | n | p50 | p95 |",
    "| --- | ---: | ---: | ---: |",
    ...report.latency.map((r) => `| ${r.name} | ${r.n} | ${r.p50} | ${r.p95} |`),
    "",
    "## Throughput, python hello world (executions/s)",
    "",
    `| concurrency | ${Object.keys(report.throughput).join(" | ")} |`,
    `| --- | ${Object.keys(report.throughput)
      .map(() => "---:")
      .join(" | ")} |`,
    `| runs/s | ${Object.values(report.throughput).join(" | ")} |`,
    "",
    ...(report.http ? httpMarkdown(report.http) : []),
    ...memoryMarkdown(report.memory, report.templates),
    ...(report.mixed ? mixedMarkdown(report.mixed) : []),
    ...judgeMarkdown(report.judge),
    ...runtimeMarkdown(report.runtimes),
    ...report.templates.flatMap(templatesMarkdown),
    "## Targets",
    "",
    "| target | measured | met |",
    "| --- | --- | --- |",
    ...report.targets.map(
      ([target, measured, met]) => `| ${target} | ${measured} | ${met ? "yes" : "**no**"} |`,
    ),
    "",
    "Reproduce: `npm run bench` (add `-- --quick` for a short run).",
    "",
  ];
  return lines.join("\n");
}
