import { describe, expect } from "vitest";
import type { Engine } from "../../src/engine/engine-types.js";
import { UNDER_GVISOR } from "../helpers/test-engine.js";
import { attackWith, report } from "./isolation-helpers.js";
import { isolationTest } from "./isolation-test.js";

/**
 * Every sandbox runs its programs as uid 1000, the same uid in every container and on the host
 * (no user namespace), and the kernel counts some resources per uid across the whole host:
 * inotify instances (fs.inotify.max_user_instances), inotify watches, pipe buffer pages,
 * pending signals, descriptors in flight over unix sockets. A job that takes all of one takes
 * them from the jobs of other tenants running at the same time in other containers: a KNOWN
 * LIMIT (SECURITY.md), for as long as the job runs.
 * This test pins down today's behaviour, so that it fails the day sandboxes get a uid of their
 * own (user-namespace remapping, or a uid per sandbox); then it turns into the invariant: "a
 * run beside it still gets one".
 */
const test = isolationTest({ languages: ["c", "python"], pool: { min: 1, max: 1 } });

/**
 * Runs the C `hoarder` (which reports how many it `held`, for 6 s once compiled) beside the
 * Python `neighbour` (which takes one and gives it back every 50 ms for 8 s, and reports under
 * `key` whether it ever failed), and returns what the neighbour reported there, with its run's
 * description for assertion messages.
 */
async function besideHoarder(
  engine: Engine,
  programs: { hoarder: string; neighbour: string },
  key: string,
): Promise<{ seen: string | undefined; description: string }> {
  const [hoarded, beside] = await Promise.all([
    attackWith(engine, programs.hoarder, { limits: { timeMs: 15_000 } }),
    attackWith(engine, programs.neighbour, { limits: { timeMs: 10_000 } }),
  ]);
  expect(hoarded.status, hoarded.describe).toBe("ok");
  expect(Number(report(hoarded.run?.stdout).held)).toBeGreaterThan(0);
  expect(beside.status, beside.describe).toBe("ok");
  return { seen: report(beside.run?.stdout)[key], description: beside.describe };
}

// Under gVisor each sandbox has a kernel of its own, which counts only its own tasks' uid: the
// invariant holds there already.
describe("per-user kernel counts, shared by every sandbox (known limit)", () => {
  test("C holding every inotify instance its uid may have: a Python run beside it gets EMFILE meanwhile", async ({
    engine,
  }) => {
    const programs = { hoarder: "inotify-hoard.c", neighbour: "inotify-neighbour.py" };
    const { seen, description } = await besideHoarder(engine, programs, "inotify");
    expect(seen, description).toBe(UNDER_GVISOR ? "ok" : "Too many open files");
  });

  test("C holding as many descriptors in flight as its uid may have: a Python run beside it can send none meanwhile", async ({
    engine,
  }) => {
    const programs = { hoarder: "inflight-hoard.c", neighbour: "inflight-neighbour.py" };
    const { seen, description } = await besideHoarder(engine, programs, "send-fds");
    expect(seen, description).toBe(UNDER_GVISOR ? "ok" : "Too many references: cannot splice");
  });
});
