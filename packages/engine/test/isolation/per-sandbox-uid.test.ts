import { describe, expect } from "vitest";
import { isSandboxUid } from "../../src/docker/sandbox-uids.js";
import type { Engine } from "../../src/engine/engine-types.js";
import { attackWith, report } from "./isolation-helpers.js";
import { isolationTest } from "./isolation-test.js";

/**
 * The kernel counts some resources per uid across the whole host: inotify instances
 * (fs.inotify.max_user_instances), inotify watches, pipe buffer pages, pending signals,
 * descriptors in flight over unix sockets. Every sandbox container runs its programs as a uid of
 * its own (src/docker/sandbox-uids.ts), so a job that takes all of one takes nothing from the
 * jobs of other tenants running at the same time in other containers: the kernel's own count
 * (EMFILE, ETOOMANYREFS) says so to the run beside it. Under gVisor each sandbox has a kernel of
 * its own as well.
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

describe("per-user kernel counts are each sandbox's own", () => {
  test("each container's programs run as a uid of its own from the engine's range, listed as `sandbox`", async ({
    engine,
  }) => {
    const c = await engine.execute({
      language: "c",
      source:
        '#include <pwd.h>\n#include <stdio.h>\n#include <unistd.h>\nint main(void) { printf("%u %s\\n", getuid(), getpwuid(getuid())->pw_name); }',
    });
    const python = await engine.execute({
      language: "python",
      source: "import os, pwd\nprint(os.getuid(), pwd.getpwuid(os.getuid()).pw_name)",
    });
    const [cUid, cName] = c.run?.stdout.trim().split(" ") ?? [];
    const [pythonUid, pythonName] = python.run?.stdout.trim().split(" ") ?? [];
    expect([cName, pythonName], `${c.run?.stderr}${python.run?.stderr}`).toEqual([
      "sandbox",
      "sandbox",
    ]);
    expect(isSandboxUid(Number(cUid)) && isSandboxUid(Number(pythonUid))).toBe(true);
    expect(cUid).not.toBe(pythonUid);
  });

  test("C holding every inotify instance its uid may have: a Python run beside it still gets one", async ({
    engine,
  }) => {
    const programs = { hoarder: "inotify-hoard.c", neighbour: "inotify-neighbour.py" };
    const { seen, description } = await besideHoarder(engine, programs, "inotify");
    expect(seen, description).toBe("ok");
  });

  test("C holding as many descriptors in flight as its uid may have: a Python run beside it still sends one", async ({
    engine,
  }) => {
    const programs = { hoarder: "inflight-hoard.c", neighbour: "inflight-neighbour.py" };
    const { seen, description } = await besideHoarder(engine, programs, "send-fds");
    expect(seen, description).toBe("ok");
  });
});
