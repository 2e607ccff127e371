// A language's template ("zygote", docs/templates.md) on and off, side by side in one run: two
// engines alike but for `templates`, their hello-world latency interleaved, their throughput
// and their idle sandboxes' memory. `node bench/template-bench.mjs [--quick] [--language php]`
// runs it alone (python by default; php, ruby), with the floor (the interpreter started inside a running
// container) beside it.
import { pathToFileURL } from "node:url";
import { createEngine } from "@warmbox/engine";
import { floorSamples, idleSandboxMemory } from "./docker-baselines.mjs";
import { imageTags } from "./machine.mjs";
import { median, percentile, throughput, timeSequential } from "./stats.mjs";

/** Each templated language's hello world, and its floor: the same started inside a container. */
export const TEMPLATE_HELLOS = {
  python: { source: "print(1)", floor: "python3 -c 'print(1)'" },
  php: { source: "<?php echo 1;", floor: "php -r 'echo 1;'" },
  ruby: { source: "puts 1", floor: "ruby -e 'puts 1'" },
};
const SANDBOXES = 8;
const CONCURRENCIES = [1, 2, 4, 8];

/** Runs the hello world; with `cpu`, keeps the CPU time the sandbox's cgroup counted for it. */
async function executeOk(engine, language, cpu) {
  const result = await engine.execute({ language, source: TEMPLATE_HELLOS[language].source });
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
 * Rows for bench/results: latency with the template and without (interleaved), throughput at
 * each concurrency, idle memory per sandbox, and (python's) the targets against `floorP50`.
 */
export async function benchTemplates({ language = "python", quick, log, floorP50 }) {
  const id = `bench-templates-${language}-${process.pid}`;
  const options = { languages: [language], pool: { min: SANDBOXES, max: SANDBOXES } };
  const on = createEngine({ ...options, engineId: `${id}-on` });
  const off = createEngine({ ...options, engineId: `${id}-off`, templates: false });
  try {
    await on.warmup();
    await off.warmup();
    // Every sandbox starts its template on its first run: that is part of the warm-up.
    await Promise.all(Array.from({ length: SANDBOXES }, () => executeOk(on, language)));
    log(`templates: ${language} hello, template on and off interleaved`);
    const withTemplate = [];
    const without = [];
    const cpu = { on: [], off: [] };
    for (let i = 0; i < (quick ? 30 : 300); i++) {
      const once = { count: 1, warmup: 0 };
      withTemplate.push(...(await timeSequential(() => executeOk(on, language, cpu.on), once)));
      without.push(...(await timeSequential(() => executeOk(off, language, cpu.off), once)));
    }
    // The run's CPU time as its cgroup counted it: what bounds throughput on a busy machine.
    const rows = [
      row(`${language} hello, template on (execute())`, withTemplate),
      row(`${language} hello, template off (execute())`, without),
      row(`${language} hello CPU time per run (cgroup), template on`, cpu.on),
      row(`${language} hello CPU time per run (cgroup), template off`, cpu.off),
    ];
    const rates = { on: {}, off: {} };
    for (const concurrency of CONCURRENCIES) {
      for (const [name, engine] of [
        ["on", on],
        ["off", off],
      ]) {
        rates[name][concurrency] = await throughput(() => executeOk(engine, language), {
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
    // The targets are python's; another language reports its ratios beside them.
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
    return {
      language,
      rows,
      throughput: rates,
      memory,
      targets: language === "python" ? targets : [],
      ratios: `${language} hello p50 on/off ${(p50On / rows[1].p50).toFixed(2)}×, on/floor ${(p50On / floorP50).toFixed(2)}×; best throughput on/off ${(bestOn / bestOff).toFixed(2)}×`,
    };
  } finally {
    await Promise.all([on.close(), off.close()]);
  }
}

/** The section of bench/results/latest.md. */
export function templatesMarkdown(templates) {
  const { throughput: rates, language } = templates;
  return [
    `## ${language} template (zygote) on and off, same run`,
    "",
    `| runs/s at concurrency | ${CONCURRENCIES.join(" | ")} |`,
    `| --- | ${CONCURRENCIES.map(() => "---:").join(" | ")} |`,
    `| template on | ${CONCURRENCIES.map((c) => rates.on[c]).join(" | ")} |`,
    `| template off | ${CONCURRENCIES.map((c) => rates.off[c]).join(" | ")} |`,
    "",
    ...(templates.targets.length ? [] : [`- ${templates.ratios}`]),
    "",
    "Idle memory with the template on and off: in the Memory section.",
    "",
  ];
}

/** The idle memory line of benchTemplates' result. */
export function templatesMemoryLine(templates) {
  const { memory } = templates;
  return `- per idle warm ${templates.language} sandbox, template on: ${memory.on.total} MiB (cgroup ${memory.on.cgroup}); off: ${memory.off.total} MiB (cgroup ${memory.off.cgroup}); medians of ${memory.on.sandboxes} and ${memory.off.sandboxes}`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const quick = process.argv.includes("--quick");
  const languageAt = process.argv.indexOf("--language");
  const language = languageAt > 0 ? process.argv[languageAt + 1] : "python";
  if (!TEMPLATE_HELLOS[language]) throw new Error(`no template hello world for ${language}`);
  const log = (text) => process.stderr.write(`[bench] ${text}\n`);
  const { floor: floorCommand } = TEMPLATE_HELLOS[language];
  const floor = row(
    `floor: ${floorCommand}`,
    await floorSamples(imageTags()[language], floorCommand, { count: quick ? 20 : 200 }),
  );
  const templates = await benchTemplates({ language, quick, log, floorP50: floor.p50 });
  const lines = [floor, ...templates.rows].map(
    (r) => `| ${r.name} | ${r.n} | ${r.p50} | ${r.p95} |`,
  );
  process.stdout.write(
    [
      "| what | n | p50 | p95 |",
      "| --- | ---: | ---: | ---: |",
      ...lines,
      "",
      ...templatesMarkdown(templates),
      templatesMemoryLine(templates),
      ...templates.targets.map(([t, m, met]) => `- ${t}: ${m} (${met ? "met" : "not met"})`),
      "",
    ].join("\n"),
  );
}
