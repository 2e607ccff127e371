import { afterAll, describe, expect, it } from "vitest";
import type { Engine } from "../src/index.js";
import type { LanguageSpec } from "../src/languages/language-spec.js";
import { languageRegistry } from "../src/languages/registry.js";
import type { Sandbox } from "../src/sandbox/sandbox.js";
import { DirectSandboxes, plainStage } from "./helpers/direct-sandboxes.js";
import { testEngine } from "./helpers/test-engine.js";

/**
 * The warmed toolchains are really used, proven by what the toolchains themselves report, never
 * by timing: GCC's -H marks a precompiled header it loaded with "!", the JVM logs each class it
 * maps from a class-data-sharing archive as "shared objects file" and whether it mapped the
 * archive's module graph, and a program started from Node's startup snapshot has the snapshot's
 * main function below it on the stack and the built-ins the snapshot holds already loaded. Each
 * runs the language spec's own command, so a spec whose flags drift from the image's fails here.
 */

const sandboxes = new DirectSandboxes();
const PCH_DIR = "/usr/local/lib/warmbox/pch";

function specOf(id: string): LanguageSpec {
  const spec = languageRegistry.find(id);
  if (!spec) throw new Error(`no language spec '${id}'`);
  return spec;
}

/** A sandbox with the compile limits of `language` (an id, or a version's key: "java@21"). */
function leasedSandbox(language: "cpp" | "java" | "java@21" | "kotlin"): Promise<Sandbox> {
  const spec = languageRegistry.byKey(language) ?? specOf(language);
  return sandboxes.leased(
    spec.image,
    spec.id,
    {
      memoryMb: spec.compileLimits.memoryMb ?? 256,
      cpus: 1,
      processes: spec.compileLimits.processes ?? 64,
      network: false,
    },
    spec.suite,
  );
}

async function run(sandbox: Sandbox, argv: string[], env: Record<string, string> = {}) {
  const stage = plainStage(argv, { timeMs: 60_000, cpuMs: 60_000, outputBytes: 4 * 1_048_576 });
  const outcome = await sandbox.runStage({ ...stage, env: { ...stage.env, ...env } }, {});
  return {
    code: outcome.exit.exitCode,
    stdout: outcome.stdout.toString(),
    stderr: outcome.stderr.toString(),
  };
}

/** The C++ spec's compile command for ./main.cpp, with GCC told to list what it includes. */
function cppCompileListingHeaders(): string[] {
  const command = specOf("cpp").compile?.command ?? [];
  return [
    ...command.map((part) => (part === "{sources}" ? "./main.cpp" : part)),
    "-H",
    "-Winvalid-pch",
  ];
}

afterAll(async () => {
  expect(await sandboxes.destroyAll()).toEqual([]);
});

describe("C++: precompiled headers", () => {
  const MAIN = "int main() { std::vector<int> v{3, 1, 2}; std::cout << v.size() << '\\n'; }\n";
  const cases = [
    ["<bits/stdc++.h> first", "#include <bits/stdc++.h>\n", "bits/stdc++.h.gch"],
    ["<iostream> first", "#include <iostream>\n#include <vector>\n", "iostream.gch"],
    [
      "<iostream>, then <bits/stdc++.h>",
      "#include <iostream>\n#include <bits/stdc++.h>\n",
      "iostream.gch",
    ],
    ["<vector> first: no PCH applies", "#include <vector>\n#include <iostream>\n", undefined],
  ] as const;

  it.each(cases)("%s compiles with the spec's flags and runs", async (_name, includes, pch) => {
    const sandbox = await leasedSandbox("cpp");
    sandbox.putFiles([{ name: "main.cpp", content: Buffer.from(`${includes}${MAIN}`) }]);
    const compiled = await run(sandbox, cppCompileListingHeaders());
    expect(compiled.code, compiled.stderr).toBe(0);
    // -H: "! file" is a PCH loaded, "x file" one that was found and refused.
    const loaded = compiled.stderr.split("\n").filter((line) => line.startsWith("! "));
    expect(loaded).toEqual(pch ? [`! ${PCH_DIR}/${pch}`] : []);
    expect(compiled.stderr).not.toMatch(/^x |not used because/m);
    expect(await run(sandbox, ["./main"])).toEqual({ code: 0, stdout: "3\n", stderr: "" });
  });
});

describe("Java: class-data sharing for javac and for the program", () => {
  const SOURCE = [
    "import java.util.*;",
    "public class Main {",
    "  public static void main(String[] a) {",
    "    List<Integer> l = new ArrayList<>(List.of(2, 1));",
    "    l.sort((x, y) -> x - y);",
    '    System.out.println("sorted " + l);',
    "  }",
    "}",
  ].join("\n");

  // JDK 17 uses an archive's heap objects (the module graph among them) under G1 only; javac
  // runs under Serial, which JDK 21 gives them too.
  it.each([
    ["java", false],
    ["java@21", true],
  ] as const)(
    "%s: java-compile maps javac's classes from the archive trained on a typical program",
    async (language, moduleGraph) => {
      const sandbox = await leasedSandbox(language);
      sandbox.putFiles([{ name: "Main.java", content: Buffer.from(SOURCE) }]);
      const compiled = await run(sandbox, ["java-compile", "./Main.java", "./Main.java"], {
        // Read by every JVM, whatever launched it: log where each class came from.
        JAVA_TOOL_OPTIONS: "-Xlog:class+load=info -Xlog:cds=info",
      });
      expect(compiled.code, compiled.stderr).toBe(0);
      // Started by `java`, not by javac's launcher (whose main module turns it off), javac's JVM
      // takes the module graph from the JDK's archive, mapped where it was written.
      if (moduleGraph) expect(compiled.stdout).toContain("full module graph: enabled");
      expect(compiled.stdout).not.toContain("ArchiveRelocationMode == 1");
      // "(top)" is the dynamic archive layered over the JDK's own; the lambda's translation was
      // archived because the training program has lambdas too.
      for (const javacClass of ["main.Main", "comp.LambdaToMethod"]) {
        expect(compiled.stdout).toContain(
          `com.sun.tools.javac.${javacClass} source: shared objects file (top)`,
        );
      }
      expect(await run(sandbox, ["java-run"])).toMatchObject({
        code: 0,
        stdout: "sorted [1, 2]\n",
      });
    },
  );

  it("java-run maps the JDK archive's module graph (G1 only, on JDK 17) and the run's archive", async () => {
    const sandbox = await leasedSandbox("java");
    // Scanner is not in the JDK's archive: the image's archive of a run has it.
    const source = SOURCE.replace(
      "List<Integer> l",
      'new Scanner("1").nextInt();\n    List<Integer> l',
    );
    sandbox.putFiles([{ name: "Main.java", content: Buffer.from(source) }]);
    expect((await run(sandbox, ["java-compile", "./Main.java", "./Main.java"])).code).toBe(0);
    const ran = await run(sandbox, ["java-run"], {
      JAVA_TOOL_OPTIONS: "-Xlog:cds=info -Xlog:class+load=info",
    });
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stdout).toContain("java.util.Scanner source: shared objects file (top)");
    expect(ran.stdout).toContain("full module graph: enabled");
    expect(ran.stdout).not.toContain("CDS heap data is being ignored");
    // The archive's heap was written with the heap of the spec's memory limit: nothing to patch.
    expect(ran.stdout).toContain("CDS heap data relocation delta = 0 bytes");
    expect(ran.stdout).not.toContain("ArchiveRelocationMode == 1");
    expect(ran.stdout).toMatch(/^sorted \[1, 2\]$/m);
  });

  it("java-compile hands javac's -J options to its JVM, as javac's own launcher does", async () => {
    const sandbox = await leasedSandbox("java");
    sandbox.putFiles([{ name: "Main.java", content: Buffer.from(SOURCE) }]);
    const compiled = await run(sandbox, [
      "java-compile",
      "./Main.java",
      "./Main.java",
      "-J-Dwarmbox.probe=passed",
      "-J-XshowSettings:properties",
      "-Xlint:all",
    ]);
    expect(compiled.code, compiled.stderr).toBe(0);
    expect(compiled.stderr).toContain("warmbox.probe = passed");
    expect(await run(sandbox, ["java-run"])).toMatchObject({ code: 0, stdout: "sorted [1, 2]\n" });
  });
});

describe("Kotlin: the program's JVM maps the JDK archive's module graph", () => {
  it("the spec's run command runs under G1 with the module graph mapped", async () => {
    const spec = specOf("kotlin");
    const sandbox = await leasedSandbox("kotlin");
    sandbox.putFiles([{ name: "main.kt", content: Buffer.from('fun main() { println("kt") }\n') }]);
    const withSources = (command: readonly string[]) =>
      command.map((part) => (part === "{sources}" ? "./main.kt" : part));
    const compiled = await run(sandbox, withSources(spec.compile?.command ?? []), spec.env);
    expect(compiled.code, compiled.stderr).toBe(0);
    const ran = await run(sandbox, [...spec.run.command], { JAVA_TOOL_OPTIONS: "-Xlog:cds=info" });
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stdout).toContain("full module graph: enabled");
    expect(ran.stdout).toMatch(/kt\n$/);
  });
});

/** Every Node.js the JavaScript recipe is built for: each has its own snapshot. */
const NODE_VERSIONS = languageRegistry.select("javascript@*").map((spec) => spec.version);

describe.each(NODE_VERSIONS)("JavaScript %s: Node's startup snapshot", (version) => {
  let engine: Engine;
  afterAll(() => engine?.close());

  it("runs the program from the snapshot, as `node FILE` would", async () => {
    engine = testEngine({ languages: [`javascript@${version}`], pool: { min: 0, max: 1 } });
    // What the program's first lines see: the built-ins loaded before them, and their caller.
    const source = [
      "const loadedAtStart = process.moduleLoadList.slice();",
      'const fromSnapshot = new Error().stack.includes("deserializeMain");',
      'const path = require("node:path");',
      'const lines = require("node:readline").createInterface({ input: process.stdin });',
      "const input = [];",
      'lines.on("line", (line) => input.push(line));',
      'lines.on("close", () => console.log(JSON.stringify({',
      "  fromSnapshot,",
      "  argv1IsFile: process.argv[1] === __filename,",
      "  cwdIsFileDir: process.cwd() === path.dirname(__filename),",
      "  isMain: require.main === module,",
      "  args: process.argv.slice(2),",
      "  random: Math.random(),",
      '  netInSnapshot: loadedAtStart.includes("NativeModule net"),',
      "  input,",
      "})));",
      "",
    ].join("\n");
    const runs = [];
    for (let i = 0; i < 2; i++) {
      const result = await engine.execute({
        language: "javascript",
        version,
        source,
        args: ["a", "-b"],
        stdin: "one\ntwo\n",
      });
      expect(result.status, JSON.stringify(result)).toBe("ok");
      expect(result.run?.stderr).toBe("");
      runs.push(JSON.parse(result.run?.stdout ?? ""));
    }
    for (const seen of runs) {
      expect(seen).toMatchObject({
        fromSnapshot: true,
        argv1IsFile: true,
        cwdIsFileDir: true,
        isMain: true,
        args: ["a", "-b"],
        // The snapshot holds net (stdio pipes); readline reads stdin from it as in a plain start.
        netInSnapshot: true,
        input: ["one", "two"],
      });
    }
    // Each start seeds Math.random afresh; a snapshot must not replay the build's sequence.
    expect(runs[0].random).not.toBe(runs[1].random);
  });
});
