// The warmed toolchains (issue 18), before and after in one run: each technique timed on its own
// inside a running container of the language's image (today's command vs the spec's command),
// and execute() with it, for the targets. "Today's" is timed without the engine around it, so
// comparing execute() to it understates the gain.
import { languageImageTag, languageRegistry } from "@warmbox/engine";
import { floorSamples } from "./docker-baselines.mjs";
import { timeSequential } from "./stats.mjs";

const BITS_HELLO =
  "#include <bits/stdc++.h>\nusing namespace std;\nint main(){ vector<int> v{3,1,2}; sort(v.begin(), v.end()); cout << v[0] << endl; }\n";
export const JAVA_HELLO =
  "public class Main { public static void main(String[] a) { System.out.println(1); } }";
/** A language spec's environment (JavaScript's: its V8 heap flag) as bash assignments. */
const envLine = (language) =>
  Object.entries(languageRegistry.find(language).env)
    .map(([name, value]) => `${name}=${value}`)
    .join(" ");

/**
 * A language spec's command for one stage ("compile" or "run") as a bash line, its environment
 * first and `file` for its entry and sources: the warmed side is always what the engine runs.
 */
function specLine(language, stage, file) {
  const argv = languageRegistry
    .find(language)
    [stage].command.map((part) => (part === "{entry}" || part === "{sources}" ? file : part));
  return [envLine(language), ...argv].filter(Boolean).join(" ");
}

/** A bash line that writes `text` to `file` (no single quotes in `text`). */
const writeFile = (file, text) => `printf '%s' '${text}' > ${file}`;

const JAVAC_TODAY =
  "javac -J-XX:+UseSerialGC -J-XX:TieredStopAtLevel=1 -encoding UTF-8 -d . Main.java";
const JAVA_RUN_TODAY =
  "java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xss8m -cp . Main";

/**
 * Java's steps, each alone, then together (the target's "today's"): javac's CDS archive, and
 * java-run's G1 (JDK 17 maps the CDS archive's module graph only under G1).
 */
export const JAVA_TECHNIQUES = [
  [
    "javac: hello compile, today's flags vs java-compile (javac's CDS archive)",
    "java",
    writeFile("Main.java", JAVA_HELLO),
    JAVAC_TODAY,
    "java-compile Main.java Main.java",
    10,
  ],
  [
    "java: hello run, today's Serial GC vs java-run (G1 maps the archived module graph)",
    "java",
    `${writeFile("Main.java", JAVA_HELLO)} && java-compile Main.java Main.java`,
    JAVA_RUN_TODAY,
    "java-run",
    20,
  ],
  [
    "javac + java: hello compile + run, today's commands vs java-compile + java-run",
    "java",
    writeFile("Main.java", JAVA_HELLO),
    `${JAVAC_TODAY} && ${JAVA_RUN_TODAY}`,
    "java-compile Main.java Main.java && java-run",
    10,
  ],
];

/** Each technique alone: [name, image language, setup, today's command, warmed command, n]. */
const TECHNIQUES = [
  [
    "node: plain start vs the startup snapshot (hello)",
    "javascript",
    writeFile("main.js", "console.log(1)"),
    `${envLine("javascript")} node main.js`,
    specLine("javascript", "run", "main.js"),
    100,
  ],
  [
    "g++: <bits/stdc++.h> hello compile + run, parsed vs precompiled",
    "cpp",
    writeFile("main.cpp", BITS_HELLO),
    "g++ -O2 -std=gnu++20 -Wall -pipe -o main main.cpp -lm && ./main",
    `${specLine("cpp", "compile", "main.cpp")} && ./main`,
    10,
  ],
  ...JAVA_TECHNIQUES,
];

/**
 * Times each technique's before and after inside one running container; returns today's row per
 * image language (a language's last technique: Java's is its compile + run together). The
 * container has the memory limit the language's spec gives its sandboxes, if any: a JVM sizes
 * its heap from it, and the image's class-data-sharing archive is laid out for that heap.
 */
export async function benchTechniques(techniques, { quick, log, latencyRow }) {
  const N = (full) => (quick ? Math.max(3, Math.round(full / 10)) : full);
  const today = {};
  for (const [name, language, setup, before, after, count] of techniques) {
    log(`toolchain: ${name}`);
    const image = languageImageTag(language);
    const memoryMb = languageRegistry.find(language)?.limits.memoryMb;
    today[language] = latencyRow(
      `alone, today's command: ${name}`,
      await floorSamples(image, before, { count: N(count), setup, memoryMb }),
    );
    latencyRow(
      `alone, warmed: ${name}`,
      await floorSamples(image, after, { count: N(count), setup, memoryMb }),
    );
  }
  return today;
}

/**
 * Times each technique alone, then the execute() row the C++ target needs; returns the target
 * rows. `latencyRow(name, samples)` records a row.
 */
export async function benchToolchains({ engine, quick, log, latencyRow, floorNode, warm }) {
  const N = (full) => (quick ? Math.max(3, Math.round(full / 10)) : full);
  const today = await benchTechniques(TECHNIQUES, { quick, log, latencyRow });
  const bits = latencyRow(
    "warmbox execute(): c++ <bits/stdc++.h> hello (compile + run)",
    await timeSequential(
      async () => {
        // A loaded machine can push a compile past the default 15 s of wall time (30 s is the most a request may ask).
        const result = await engine.execute({
          language: "cpp",
          source: BITS_HELLO,
          compileLimits: { timeMs: 30_000 },
        });
        if (result.status !== "ok") throw new Error(`c++ <bits/stdc++.h>: ${result.status}`);
      },
      { count: N(20), warmup: 1 },
    ),
  );
  const ratio = (row, base) => row.p50 / base.p50;
  const target = (what, row, base, most) => [
    what,
    `${row.p50} ms vs ${base.p50} ms: ${ratio(row, base).toFixed(2)}×`,
    ratio(row, base) <= most,
  ];
  return [
    target("javascript hello p50 ≤ 0.6 × the floor of node -e", warm.javascript, floorNode, 0.6),
    target(
      "java hello compile + run ≤ 0.6 × today's (javac + java alone, today's flags)",
      warm.java,
      today.java,
      0.6,
    ),
    target(
      "c++ <bits/stdc++.h> compile + run ≤ 0.5 × today's (g++ + run alone, today's flags)",
      bits,
      today.cpp,
      0.5,
    ),
  ];
}
