import { describe, expect } from "vitest";
import { UNDER_GVISOR } from "../helpers/test-engine.js";
import { attackWith, report } from "./isolation-helpers.js";
import { isolationTest } from "./isolation-test.js";

/**
 * The status the engine reports is what the limits did, never what the program pretends: a
 * program can send itself the signals the kernel's limits use, or have its exit held by a
 * tracer. The programs are in ./programs.
 */
const test = isolationTest({ languages: ["c"], pool: { min: 1, max: 1 } });

describe("statuses a program can't forge", () => {
  test("C raising SIGXCPU on itself at once: runtime_error with SIGXCPU, not a CPU-time limit (was: timeout)", async ({
    engine,
  }) => {
    const result = await attackWith(engine, "self-sigxcpu.c", { limits: { cpuMs: 5_000 } });
    expect(result.status, result.describe).toBe("runtime_error");
    expect(result.run?.signal).toBe("SIGXCPU");
    expect(result.message ?? "", result.describe).not.toMatch(/CPU-time limit/);
  });

  test("C whose main process a child holds with ptrace, then exits 0: ok (was: the supervisor stuck in wait, timeout)", async ({
    engine,
  }) => {
    const result = await attackWith(engine, "traced-main.c");
    // Under gVisor the supervisor refuses ptrace (syscall-filter.test.ts): nothing holds the
    // main process, which exits 0 as any other.
    expect(report(result.run?.stdout).seized, result.describe).toBe(UNDER_GVISOR ? "no" : "yes");
    expect(result.status, result.describe).toBe("ok");
    expect(result.run?.exitCode).toBe(0);
  });
});
