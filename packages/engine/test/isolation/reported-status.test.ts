import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testEngine } from "../helpers/test-engine.js";
import { attack, report } from "./isolation-helpers.js";

/**
 * The status the engine reports is what the limits did, never what the program pretends: a
 * program can send itself the signals the kernel's limits use, or have its exit held by a
 * tracer. The programs are in ./programs.
 */
const engine = testEngine({ languages: ["c"], pool: { min: 1, max: 1 } });

beforeAll(() => engine.warmup());
afterAll(() => engine.close());

const programs = new URL("./programs/", import.meta.url);
const runC = (file: string, limits = {}) =>
  attack(engine, {
    language: "c",
    files: [{ name: "main.c", content: readFileSync(new URL(file, programs), "utf8") }],
    limits,
  });

describe("statuses a program can't forge", () => {
  it("C raising SIGXCPU on itself at once: runtime_error with SIGXCPU, not a CPU-time limit (was: timeout)", async () => {
    const result = await runC("self-sigxcpu.c", { cpuMs: 5_000 });
    expect(result.status, result.describe).toBe("runtime_error");
    expect(result.run?.signal).toBe("SIGXCPU");
    expect(result.message ?? "", result.describe).not.toMatch(/CPU-time limit/);
  });

  it("C whose main process a child holds with ptrace, then exits 0: ok (was: the supervisor stuck in wait, timeout)", async () => {
    const result = await runC("traced-main.c");
    expect(report(result.run?.stdout).seized, result.describe).toBe("yes");
    expect(result.status, result.describe).toBe("ok");
    expect(result.run?.exitCode).toBe(0);
  });
});
