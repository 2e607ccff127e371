import { describe, expect } from "vitest";
import { UNDER_GVISOR } from "../helpers/test-engine.js";
import { attackWith, report } from "./isolation-helpers.js";
import { isolationTest } from "./isolation-test.js";

/**
 * Every sandbox runs its programs as uid 1000, the same uid in every container and on the host
 * (no user namespace), and the kernel counts some resources per uid across the whole host:
 * inotify instances (fs.inotify.max_user_instances), inotify watches, pipe buffer pages,
 * pending signals, descriptors in flight over unix sockets. A job that takes all of one takes them from the jobs of other tenants running
 * at the same time in other containers: a KNOWN LIMIT (SECURITY.md), for as long as the job runs.
 * This test pins down today's behaviour, so that it fails the day sandboxes get a uid of their
 * own (user-namespace remapping, or a uid per sandbox); then it turns into the invariant: "a
 * run beside it still gets one".
 */
const test = isolationTest({ languages: ["c", "python"], pool: { min: 1, max: 1 } });

describe("per-user kernel counts, shared by every sandbox (known limit)", () => {
  test("C holding every inotify instance its uid may have: a Python run beside it gets EMFILE meanwhile", async ({
    engine,
  }) => {
    const hoarder = attackWith(engine, "inotify-hoard.c", { limits: { timeMs: 15_000 } });
    // Beside it, Python takes one instance and gives it back every 50 ms for 8 s (the hoarder
    // holds them for 6 s once its compile is done).
    const neighbour = attackWith(engine, "inotify-neighbour.py", {
      limits: { timeMs: 10_000 },
    });
    const [hoarded, beside] = await Promise.all([hoarder, neighbour]);
    expect(hoarded.status, hoarded.describe).toBe("ok");
    expect(Number(report(hoarded.run?.stdout).held)).toBeGreaterThan(0);
    expect(beside.status, beside.describe).toBe("ok");
    // Under gVisor each sandbox has a kernel of its own, which counts only its own tasks' uid:
    // the invariant holds there already.
    expect(report(beside.run?.stdout).inotify, beside.describe).toBe(
      UNDER_GVISOR ? "ok" : "Too many open files",
    );
  });

  test("C holding as many descriptors in flight as its uid may have: a Python run beside it can send none meanwhile", async ({
    engine,
  }) => {
    const hoarder = attackWith(engine, "inflight-hoard.c", { limits: { timeMs: 15_000 } });
    // Beside it, Python sends a descriptor over a unix socket and receives it back every 50 ms
    // for 8 s (the hoarder keeps its own in flight for 6 s once its compile is done).
    const neighbour = attackWith(engine, "inflight-neighbour.py", {
      limits: { timeMs: 10_000 },
    });
    const [hoarded, beside] = await Promise.all([hoarder, neighbour]);
    expect(hoarded.status, hoarded.describe).toBe("ok");
    expect(Number(report(hoarded.run?.stdout).held)).toBeGreaterThan(0);
    expect(beside.status, beside.describe).toBe("ok");
    // gVisor's kernel of each sandbox counts only its own tasks' descriptors in flight.
    expect(report(beside.run?.stdout)["send-fds"], beside.describe).toBe(
      UNDER_GVISOR ? "ok" : "Too many references: cannot splice",
    );
  });
});
