import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine, ExecuteRequest } from "../../src/index.js";
import { languageKey } from "../../src/languages/language-spec.js";
import { languageRegistry } from "../../src/languages/registry.js";
import { versionSatisfies } from "../../src/languages/version-match.js";
import { CORE_LANGUAGES } from "../helpers/programs.js";
import { testEngine, UNDER_GVISOR } from "../helpers/test-engine.js";
import { conformancePrograms } from "./programs/index.js";

/**
 * Generated from the language specs: every registered language runs its conformance programs
 * (./programs/<id>.ts) and its starter, at each of its versions (named by key: "python@3.11").
 * One engine per language version with at most one sandbox; they and their tests run one after
 * the other.
 */
const STDIN = "héllo wörld ✓\nline two\n";
const ARGS = ["one", "$(two)", "-three"];
/** Short enough to keep the suite fast, long enough for a JVM to start before it loops. */
const LOOP_LIMITS = { timeMs: 2_000, cpuMs: 2_000 };
/** JVM and GHC compiles take seconds on a busy 2-core machine. */
const TEST_TIMEOUT_MS = 120_000;

/** The gVisor lane runs the core languages: the others share their runtimes' system calls. */
const LANGUAGES = UNDER_GVISOR
  ? languageRegistry.all.filter((spec) => (CORE_LANGUAGES as readonly string[]).includes(spec.id))
  : languageRegistry.all;

/**
 * Under gVisor a compiler's first run reads the whole toolchain through gVisor's file proxy: on
 * a loaded 2-core machine a C++ hello took more than the default 15 s to compile. A limit, not
 * an assertion on speed.
 */
const GVISOR_COMPILE_TIME = UNDER_GVISOR
  ? {
      defaultCompileLimits: { timeMs: 60_000, cpuMs: 60_000 },
      maxLimits: { timeMs: 60_000, cpuMs: 60_000 },
    }
  : {};

describe.each(LANGUAGES.map((spec) => [languageKey(spec), spec] as const))("%s", (key, spec) => {
  const id = spec.id;
  const programs = conformancePrograms[id];
  let engine: Engine;
  const run = (source: string, extra: Partial<ExecuteRequest> = {}) =>
    engine.execute({ language: id, version: spec.version, source, ...extra });

  beforeAll(() => {
    engine = testEngine({ languages: [key], pool: { min: 0, max: 1 }, ...GVISOR_COMPILE_TIME });
  });
  afterAll(() => engine.close());

  it("has conformance programs", () => {
    expect(programs, `test/conformance/programs/${id}.ts is missing`).toBeDefined();
    if (spec.compile)
      expect(programs?.compileError, "a compiled language needs compileError").toBeDefined();
  });

  it("prints hello world and reports its exact version", { timeout: TEST_TIMEOUT_MS }, async () => {
    const result = await run(programs?.echo ?? "");
    expect(result.status, JSON.stringify(result)).toBe("ok");
    expect(result.run?.stdout).toBe(programs?.seesArgs === false ? "hello\n" : "hello\n\n");
    expect(result.version).toMatch(/^\d+(\.\d+)*/);
    if (spec.version) expect(versionSatisfies(result.version, spec.version)).toBe(true);
    if (spec.compile) expect(result.compile?.exitCode).toBe(0);
    else expect(result.compile).toBeNull();
  });

  it("echoes UTF-8 stdin and its arguments", { timeout: TEST_TIMEOUT_MS }, async () => {
    const result = await run(programs?.echo ?? "", { stdin: STDIN, args: ARGS });
    expect(result.status, JSON.stringify(result)).toBe("ok");
    const argsLine = programs?.seesArgs === false ? "" : `${ARGS.join(" ")}\n`;
    expect(result.run?.stdout).toBe(`hello\n${STDIN}${argsLine}`);
    expect(result.run?.exitCode).toBe(0);
  });

  it("runs its starter program", { timeout: TEST_TIMEOUT_MS }, async () => {
    const result = await run(spec.starter, { stdin: "Ada\n" });
    expect(result.status, JSON.stringify(result)).toBe("ok");
    expect(result.run?.stdout).toContain("Hello, Ada!");
  });

  it.runIf(spec.compile !== undefined)(
    "reports a compile error with the compiler's message",
    { timeout: TEST_TIMEOUT_MS },
    async () => {
      const result = await run(programs?.compileError ?? "");
      expect(result.status, JSON.stringify(result)).toBe("compile_error");
      expect(result.run).toBeNull();
      const message = `${result.compile?.stdout ?? ""}${result.compile?.stderr ?? ""}`;
      expect(message).toMatch(programs?.compileMessage ?? /error/i);
      expect(result.compile?.exitCode).not.toBe(0);
    },
  );

  it.runIf(programs?.exit3 !== null)(
    "reports a non-zero exit as a runtime error with its code",
    { timeout: TEST_TIMEOUT_MS },
    async () => {
      const result = await run(programs?.exit3 ?? "");
      expect(result.status, JSON.stringify(result)).toBe("runtime_error");
      expect(result.run?.exitCode).toBe(3);
    },
  );

  it("stops an endless loop at the time limit", { timeout: TEST_TIMEOUT_MS }, async () => {
    const result = await run(programs?.loop ?? "", { limits: LOOP_LIMITS });
    expect(result.status, JSON.stringify(result)).toBe("timeout");
  });
});
