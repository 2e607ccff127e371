import { describe, expect } from "vitest";
import { UNDER_GVISOR } from "../helpers/test-engine.js";
import { attackWith, report } from "./isolation-helpers.js";
import { isolationTest } from "./isolation-test.js";

/**
 * The supervisor's own seccomp filter (syscall_filter.c), stacked on Docker's profile: io_uring
 * fails with ENOSYS for the program and what it starts, on the exec path (C) and on the
 * template's clones (Python). The kernel's own count of filters on the process proves it is
 * there (Docker's one, and ours); gVisor neither offers io_uring nor reports the count.
 */
const test = isolationTest({ languages: ["c", "python"], pool: { min: 1, max: 1 } });

describe("the supervisor's system-call filter", () => {
  test("C: io_uring_setup, _enter and _register fail with ENOSYS, in the program and its child", async ({
    engine,
    unharmed,
  }) => {
    const result = await attackWith(engine, "io-uring.c");
    expect(result.status, result.describe).toBe("ok");
    const seen = report(result.run?.stdout);
    for (const who of ["main", "child"]) {
      for (const call of ["setup", "enter", "register"]) {
        expect(seen[`${who}-${call}`], `${who} io_uring_${call}`).toBe("ENOSYS");
      }
    }
    if (!UNDER_GVISOR) expect(seen.filters).toBe("2");
    await unharmed(["c"]);
  });

  test("Python (a template's clone): io_uring_setup fails with ENOSYS", async ({ engine }) => {
    const result = await attackWith(engine, "io-uring.py");
    expect(result.status, result.describe).toBe("ok");
    const seen = report(result.run?.stdout);
    expect(seen.setup).toBe("ENOSYS");
    if (!UNDER_GVISOR) expect(seen.filters).toBe("2");
  });

  test("C: io_uring_setup fails with ENOSYS through int 0x80, the x32 bit and a 64-bit number too", async ({
    engine,
    unharmed,
  }) => {
    const result = await attackWith(engine, "io-uring-other-abis.c");
    expect(result.status, result.describe).toBe("ok");
    const seen = report(result.run?.stdout);
    for (const door of ["x32-setup", "x32-getpid", "high-setup", "int80-x32-setup"])
      expect(seen[door], door).toBe("-38");
    // gVisor runs no 32-bit system call (int 0x80 answers EFAULT to every number there);
    // elsewhere the i386 door is open, so its ENOSYS for io_uring is the filter's answer.
    if (UNDER_GVISOR) expect(Number(seen["int80-setup"])).toBeLessThan(0);
    else {
      expect(seen["int80-getpid"]).toBe("ok");
      expect(seen["int80-setup"]).toBe("-38");
    }
    await unharmed(["c"]);
  });

  // Linux runs the filter again after the tracer's change. gVisor filters a call before the
  // tracer's stop only, so there the supervisor refuses ptrace itself (with mq_open).
  test("C: a tracer that swaps a traced child's system call for io_uring_setup gets ENOSYS", async ({
    engine,
    unharmed,
  }) => {
    const result = await attackWith(engine, "io-uring-ptrace-swap.c", {}, ["ptrace-swap.h"]);
    expect(result.status, result.describe).toBe("ok");
    const seen = report(result.run?.stdout);
    if (UNDER_GVISOR) {
      expect(seen.traceme, "PTRACE_TRACEME under gVisor").toBe("-38");
      expect(seen.swapped).toBe("no");
    } else {
      expect(seen.traceme).toBe("0");
      expect(seen.swapped).toBe("yes");
      expect(seen["swapped-result"]).toBe("-38");
      expect(seen["child-result"]).toBe("-1");
    }
    await unharmed(["c"]);
  });
});
