// The judge rows of `npm run bench`: one solution judged against 50 quick tests (compiled once),
// against 50 separate execute() calls that each compile it again.
import { availableParallelism } from "node:os";
import { createEngine, languageImageTag } from "@warmbox/engine";
import { floorSamples } from "./docker-baselines.mjs";
import { median, percentile } from "./stats.mjs";

/** Tests per judge: the issue's "50 quick tests". */
const TESTS = 50;
/** Tests run at once: a few more than the cores, so one test's set-up overlaps another's run. */
const CONCURRENCY = 4;
/**
 * Sandboxes of the judge's language: twice the tests at once, so a sandbox's WIPE after its test
 * (on Linux 6.18 about 16 ms of waiting for two passes of the kernel's deferred closes, see the
 * supervisor's PROTOCOL.md) overlaps the next tests' runs in the others instead of holding them.
 */
const SANDBOXES = 2 * CONCURRENCY;
const coresUsed = Math.min(availableParallelism(), CONCURRENCY);

/** Reads two numbers, prints their sum: each test is "i 7i", expecting "8i". */
const tests = Array.from({ length: TESTS }, (_, i) => ({
  name: `sum-${i + 1}`,
  stdin: `${i} ${7 * i}\n`,
  expected: `${8 * i}\n`,
}));

/**
 * Each solution, and how to time its run alone in a running container of its image (the floor):
 * `setup` compiles it as the engine's language spec does, `run` is the spec's run command.
 */
const solutions = {
  cpp: {
    label: "c++",
    file: "main.cpp",
    source: [
      "#include <cstdio>",
      'int main() { long a, b; if (std::scanf("%ld %ld", &a, &b) == 2) std::printf("%ld\\n", a + b); }',
    ].join("\n"),
    compile: "g++ -O2 -std=gnu++20 -Wall -pipe -o main main.cpp -lm",
    run: "./main",
    floorCount: 200,
  },
  java: {
    label: "java",
    file: "Main.java",
    source: [
      "import java.io.*;",
      "public class Main {",
      "  public static void main(String[] args) throws IOException {",
      '    String[] p = new BufferedReader(new InputStreamReader(System.in)).readLine().trim().split("\\\\s+");',
      "    System.out.println(Long.parseLong(p[0]) + Long.parseLong(p[1]));",
      "  }",
      "}",
    ].join("\n"),
    compile: "java-compile Main.java Main.java",
    run: "java-run",
    floorCount: 30,
  },
};

/** The solution's run alone, on one test's input, timed inside a running container. */
function runFloor(language, solution, count) {
  const setup = [
    `cat > ${solution.file} <<'WARMBOX_EOF'`,
    solution.source,
    "WARMBOX_EOF",
    solution.compile,
    `printf '${tests[1].stdin}' > input.txt`,
  ].join("\n");
  return floorSamples(languageImageTag(language), `${solution.run} < input.txt`, { count, setup });
}

/** Runs `jobs` with at most `concurrency` at once; resolves with the wall time in ms. */
async function timeAll(jobs, concurrency) {
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < jobs.length) await jobs[next++]();
    }),
  );
  return performance.now() - started;
}

/** One judge of the 50 tests: the caller's time to the compile result and to the verdict. */
async function timeJudge(engine, request) {
  const started = performance.now();
  let compiledAt;
  const result = await engine.judge(request, {
    onCompile: () => {
      compiledAt = performance.now();
    },
  });
  if (result.verdict !== "accepted")
    throw new Error(`judge ${request.language}: ${result.verdict} ${result.message ?? ""}`);
  const total = performance.now() - started;
  return { total, compile: (compiledAt ?? started) - started, compileStage: result.compile.wallMs };
}

/**
 * The judge bench of one language: `samples` timed judges after one untimed, then `executes`
 * separate execute() calls (the same program and tests, as many at once as the judge runs),
 * scaled to 50 when fewer.
 */
async function benchLanguage(engine, language, { samples, executes, floorCount, log }) {
  const solution = solutions[language];
  const floor = median(await runFloor(language, solution, floorCount));
  const program = {
    language,
    files: [{ name: solution.file, content: solution.source }],
    // The most a compile may take: on a busy machine javac can pass the default 15 s, and a
    // limit never changes the time measured.
    compileLimits: { timeMs: 30_000, cpuMs: 30_000 },
  };
  const request = { ...program, tests, concurrency: CONCURRENCY };
  await timeJudge(engine, request);
  const judges = [];
  for (let i = 0; i < samples; i++) judges.push(await timeJudge(engine, request));
  const total = median(judges.map((judge) => judge.total));
  const compile = median(judges.map((judge) => judge.compile));
  const executeJobs = tests.slice(0, executes).map((test) => async () => {
    const result = await engine.execute({ ...program, stdin: test.stdin });
    if (result.status !== "ok" || result.run?.stdout !== test.expected)
      throw new Error(`execute ${language}: ${result.status} ${result.message ?? ""}`);
  });
  const separate = ((await timeAll(executeJobs, CONCURRENCY)) * TESTS) / executes;
  const row = {
    language: solution.label,
    tests: TESTS,
    samples,
    concurrency: CONCURRENCY,
    coresUsed,
    compileMs: round(compile),
    compileStageMs: median(judges.map((judge) => judge.compileStage)),
    runFloorMs: floor,
    perTestOverheadMs: round(((total - compile) * coresUsed) / TESTS - floor),
    judgeMs: round(total),
    judgeP95Ms: percentile(
      judges.map((judge) => judge.total),
      95,
    ),
    separateExecutesMs: round(separate),
    separateExecutesMeasured: executes,
    ratio: round(separate / total),
    boundMs: round(compile + (TESTS * (floor + 2)) / coresUsed),
  };
  log(
    `judge ${row.language}: ${row.judgeMs} ms for ${TESTS} tests (compile ${row.compileMs} ms, floor ${floor} ms, overhead ${row.perTestOverheadMs} ms/test); ${TESTS} executes ${row.separateExecutesMs} ms (${row.ratio}×)`,
  );
  return row;
}

const round = (ms) => Math.round(ms * 10) / 10;

/**
 * Judges a C++ and a Java solution (or only `languages`) against 50 tests each on an engine of its own; returns a row
 * per language and the issue's goals as target lines ([target, measured, met]).
 */
export async function benchJudge({ quick, log, languages = ["cpp", "java"] }) {
  const engine = createEngine({
    engineId: `bench-judge-${process.pid}`,
    languages,
    pool: { min: SANDBOXES, max: SANDBOXES },
  });
  const rows = [];
  try {
    await engine.warmup();
    for (const language of languages) {
      rows.push(
        await benchLanguage(engine, language, {
          samples: quick ? 2 : 5,
          executes: quick ? 10 : TESTS,
          floorCount: quick ? 10 : solutions[language].floorCount,
          log,
        }),
      );
    }
  } finally {
    await engine.close();
  }
  const targets = rows.flatMap((row) => [
    [
      `judge ${row.language}, ${TESTS} quick tests ≤ compile + ${TESTS} × (run floor + 2 ms) / ${row.coresUsed} cores`,
      `${row.judgeMs} ms vs ${row.boundMs} ms`,
      row.judgeMs <= row.boundMs,
    ],
    [
      `judge ${row.language} ≥ 10× faster than ${TESTS} separate compiling execute() calls`,
      `${row.ratio}×`,
      row.ratio >= 10,
    ],
  ]);
  return { rows, targets };
}

/** The judge section of the markdown report. */
export function judgeMarkdown(rows) {
  return [
    `## Judge: ${TESTS} quick tests, compiled once (ms)`,
    "",
    "| solution | compile | run floor | overhead per test | judge, whole verdict | separate execute() × 50 | speed-up |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...rows.map(
      (row) =>
        `| ${row.language} (${row.concurrency} at once of ${SANDBOXES} sandboxes, ${row.coresUsed} cores) | ${row.compileMs} | ${row.runFloorMs} | ${row.perTestOverheadMs} | ${row.judgeMs} | ${row.separateExecutesMs}${row.separateExecutesMeasured < row.tests ? ` (from ${row.separateExecutesMeasured})` : ""} | ${row.ratio}× |`,
    ),
    "",
    "Compile: the caller's time from judge() to its compile result. Overhead per test: (judge − compile) × cores used / tests − run floor. Run floor: the compiled solution run alone on one test's input inside a running container.",
    "",
  ];
}
