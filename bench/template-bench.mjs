// The templates ("zygotes", docs/templates.md) on and off, side by side in one run: two
// engines alike but for `templates`, their hello-world latency interleaved, their idle
// sandboxes' memory, and for Python their throughput. `node bench/template-bench.mjs [--quick]`
// runs Python's alone, with the floor (`python3 -c` inside a running container) beside it;
// `--language ruby` runs the latency and memory of another language's template instead.
import { pathToFileURL } from "node:url";
import { createEngine } from "@warmbox/engine";
import { floorSamples, idleSandboxMemory } from "./docker-baselines.mjs";
import { imageTags } from "./machine.mjs";
import { median, percentile, throughput, timeSequential } from "./stats.mjs";

/** The hello world of each language with a template. */
const HELLO = { python: "print(1)", ruby: "puts 1" };
const SANDBOXES = 8;
const CONCURRENCIES = [1, 2, 4, 8];

/** Runs `language`'s hello world; with `cpu`, keeps the CPU time its cgroup counted for it. */
async function executeOk(engine, cpu, language = "python") {
  const result = await engine.execute({ language, source: HELLO[language] });
  if (result.status !== "ok")
    throw new Error(`${language}: ${result.status} ${result.message ?? ""}`);
  cpu?.push(result.run?.cpuMs ?? Number.NaN);
}

const row = (name, samples) => ({
  name,
  n: samples.length,
  p50: median(samples),
  p95: percentile(samples, 95),
});

const mib = (bytes) => Math.round((bytes / 1_048_576) * 10) / 10;

/** Median cgroup usage (+ shim RSS) of the engine's idle sandboxes, MiB. */
async function idleMiB(engineId) {
  const idle = await idleSandboxMemory(engineId);
  return {
    sandboxes: idle.length,
    cgroup: mib(median(idle.map((s) => s.cgroup))),
    total: mib(median(idle.map((s) => s.cgroup + s.shim))),
  };
}

/**
 * `language`'s hello world on the engine with templates (`on`) and without (`off`), one run of
 * each in turn: latency rows and the CPU time its cgroup counted.
 */
async function interleavedHello({ on, off, language, count, log }) {
  log(`templates: ${language} hello, template on and off interleaved`);
  const withTemplate = [];
  const without = [];
  const cpu = { on: [], off: [] };
  for (let i = 0; i < count; i++) {
    const once = { count: 1, warmup: 0 };
    withTemplate.push(...(await timeSequential(() => executeOk(on, cpu.on, language), once)));
    without.push(...(await timeSequential(() => executeOk(off, cpu.off, language), once)));
  }
  // The run's CPU time as its cgroup counted it: what bounds throughput on a busy machine.
  return [
    row(`${language} hello, template on (execute())`, withTemplate),
    row(`${language} hello, template off (execute())`, without),
    row(`${language} hello CPU time per run (cgroup), template on`, cpu.on),
    row(`${language} hello CPU time per run (cgroup), template off`, cpu.off),
  ];
}

/**
 * Another language's template (not Python's): hello-world latency on and off interleaved, and
 * idle memory per sandbox on and off, from two engines of two sandboxes each.
 */
export async function benchLanguageTemplate({ language, quick, log }) {
  const id = `bench-templates-${language}-${process.pid}`;
  const options = { languages: [language], pool: { min: 2, max: 2 } };
  const on = createEngine({ ...options, engineId: `${id}-on` });
  const off = createEngine({ ...options, engineId: `${id}-off`, templates: false });
  try {
    await on.warmup();
    await off.warmup();
    await Promise.all([1, 2].map(() => executeOk(on, undefined, language)));
    const rows = await interleavedHello({ on, off, language, count: quick ? 30 : 200, log });
    const memory = { on: await idleMiB(`${id}-on`), off: await idleMiB(`${id}-off`) };
    return { language, rows, memory };
  } finally {
    await Promise.all([on.close(), off.close()]);
  }
}

/**
 * Rows for bench/results: latency with the template and without (interleaved), throughput at
 * each concurrency, idle memory per sandbox, and the targets against `floorP50`.
 */
export async function benchTemplates({ quick, log, floorP50 }) {
  const id = `bench-templates-${process.pid}`;
  const options = { languages: ["python"], pool: { min: SANDBOXES, max: SANDBOXES } };
  const on = createEngine({ ...options, engineId: `${id}-on` });
  const off = createEngine({ ...options, engineId: `${id}-off`, templates: false });
  try {
    await on.warmup();
    await off.warmup();
    // Every sandbox starts its template on its first run: that is part of the warm-up.
    await Promise.all(Array.from({ length: SANDBOXES }, () => executeOk(on)));
    const rows = await interleavedHello({
      on,
      off,
      language: "python",
      count: quick ? 30 : 300,
      log,
    });
    const rates = { on: {}, off: {} };
    for (const concurrency of CONCURRENCIES) {
      for (const [name, engine] of [
        ["on", on],
        ["off", off],
      ]) {
        rates[name][concurrency] = await throughput(() => executeOk(engine), {
          concurrency,
          seconds: quick ? 2 : 6,
        });
      }
      log(
        `concurrency ${concurrency}: on ${rates.on[concurrency]}, off ${rates.off[concurrency]} runs/s`,
      );
    }
    const memory = { on: await idleMiB(`${id}-on`), off: await idleMiB(`${id}-off`) };
    const bestOn = Math.max(...Object.values(rates.on));
    const bestOff = Math.max(...Object.values(rates.off));
    const p50On = rows[0].p50;
    const targets = [
      [
        "python hello p50 ≤ 0.5 × the floor (template on)",
        `${p50On} ms vs floor ${floorP50} ms: ${(p50On / floorP50).toFixed(2)}×`,
        p50On <= 0.5 * floorP50,
      ],
      [
        "python hello throughput ≥ 2 × without the template (library, best concurrency)",
        `${bestOn} vs ${bestOff} runs/s: ${(bestOn / bestOff).toFixed(2)}×`,
        bestOn >= 2 * bestOff,
      ],
    ];
    return { rows, throughput: rates, memory, targets };
  } finally {
    await Promise.all([on.close(), off.close()]);
  }
}

/** The section of bench/results/latest.md. */
export function templatesMarkdown(templates) {
  const { throughput: rates } = templates;
  return [
    "## Python template (zygote) on and off, same run",
    "",
    `| runs/s at concurrency | ${CONCURRENCIES.join(" | ")} |`,
    `| --- | ${CONCURRENCIES.map(() => "---:").join(" | ")} |`,
    `| template on | ${CONCURRENCIES.map((c) => rates.on[c]).join(" | ")} |`,
    `| template off | ${CONCURRENCIES.map((c) => rates.off[c]).join(" | ")} |`,
    "",
    "Idle memory with the template on and off: in the Memory section.",
    "",
  ];
}

/** The idle memory line of benchTemplates' or benchLanguageTemplate's result. */
export function templatesMemoryLine({ memory, language = "python" }) {
  return `- per idle warm ${language} sandbox, template on: ${memory.on.total} MiB (cgroup ${memory.on.cgroup}); off: ${memory.off.total} MiB (cgroup ${memory.off.cgroup}); medians of ${memory.on.sandboxes} and ${memory.off.sandboxes}`;
}

const table = (rows) => [
  "| what | n | p50 | p95 |",
  "| --- | ---: | ---: | ---: |",
  ...rows.map((r) => `| ${r.name} | ${r.n} | ${r.p50} | ${r.p95} |`),
];

const languageArg = process.argv.indexOf("--language");
const onlyLanguage = languageArg > 0 ? process.argv[languageArg + 1] : undefined;

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href && onlyLanguage) {
  const quick = process.argv.includes("--quick");
  const log = (text) => process.stderr.write(`[bench] ${text}\n`);
  const result = await benchLanguageTemplate({ language: onlyLanguage, quick, log });
  process.stdout.write([...table(result.rows), "", templatesMemoryLine(result), ""].join("\n"));
} else if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const quick = process.argv.includes("--quick");
  const log = (text) => process.stderr.write(`[bench] ${text}\n`);
  const floor = row(
    "floor: python3 -c 'print(1)'",
    await floorSamples(imageTags().python, "python3 -c 'print(1)'", { count: quick ? 20 : 200 }),
  );
  const templates = await benchTemplates({ quick, log, floorP50: floor.p50 });
  process.stdout.write(
    [
      ...table([floor, ...templates.rows]),
      "",
      ...templatesMarkdown(templates),
      templatesMemoryLine(templates),
      ...templates.targets.map(([t, m, met]) => `- ${t}: ${m} (${met ? "met" : "not met"})`),
      "",
    ].join("\n"),
  );
}
