import { expect } from "vitest";
import type { Engine } from "../../src/engine/engine-types.js";
import { UNDER_GVISOR } from "../helpers/test-engine.js";
import {
  expectLateReleaseLeavesNothing,
  NOTHING_OF_THE_SHAPES,
  shapesFound,
} from "./inflight-findings.js";
import { attackWith, report } from "./isolation-helpers.js";
import { isolationTest } from "./isolation-test.js";

/**
 * The WIPE's wait for what a job left in flight (PROTOCOL.md, WIPE step 2) while a neighbour
 * keeps the kernel's collector of unix socket cycles and its deferred closes busy
 * (programs/inflight-churn.c: rounds of 64 cycles holding files and a 32-deep chain, for 20 s;
 * the collector is one for the whole kernel). Meanwhile, in another sandbox (pool max 2), jobs
 * plant state in flight and the job after each reports what it found:
 * - C: a sequence of the shapes of programs/inflight-shapes.c (locks, a name, ports, /dev/shm
 *   space; message queues under the shapes released fast, see inflight-outlives-error.test.ts), each first reporting what the job before it left. A 1500-deep chain outlasts the
 *   WIPE's 2 s (ERROR): the job after it is the first of a fresh container, whose first WIPE
 *   also waits for the start-up probe that tells whether the kernel collects cycles.
 * - Python, the template's path: programs/late-release.py (an flock and 128 MiB of /tmp and /box).
 * Whether a WIPE proves the plant released (CLEAN) or gives the container up, no job may find
 * anything of the one before it.
 * Measured on runc (Linux 6.18, 2 cores shared): 11 C jobs beside ~600 rounds of the neighbour,
 * nothing found (the 300- and 1500-deep chains cost their container), and 4 Python pairs;
 * gVisor: the same, every plant costing its container there.
 */
const test = isolationTest({ languages: ["c", "python"], pool: { min: 1, max: 2 } });

/** Starts the neighbour; its result once its 20 s are out. */
function startNeighbour(engine: Engine) {
  return attackWith(
    engine,
    "inflight-churn.c",
    { args: ["20"], limits: { timeMs: 30_000, cpuMs: 30_000 } },
    ["inflight.h"],
  );
}

async function expectNeighbourDone(neighbour: ReturnType<typeof startNeighbour>) {
  const churned = await neighbour;
  // gVisor has no collector: the neighbour's garbage stays in its sandbox, and may fill it up
  // to the memory limit (then that sandbox is stopped) before its time is out.
  expect(UNDER_GVISOR ? ["ok", "memory_limit"] : ["ok"], churned.describe).toContain(
    churned.status,
  );
  if (churned.status === "ok")
    expect(Number(report(churned.run?.stdout).rounds)).toBeGreaterThan(0);
}

const SEQUENCE = [
  ["deep", "100"],
  ["wide", "1000"],
  ["seqpacket", "+mqueues"],
  ["deep", "1500"],
  ["embryo", "+mqueues"],
  ["deep", "300"],
  ["deep", "1500"],
  ["wide", "2000"],
  ["deep", "1500"],
  ["seqpacket"],
  ["look"],
];

test("C: state held in flight does not reach the next job while a neighbour keeps the collector busy", async ({
  engine,
  unharmed,
}) => {
  const neighbour = startNeighbour(engine);
  const found: Array<Record<string, unknown>> = [];
  for (const args of SEQUENCE) {
    const job = await attackWith(engine, "inflight-shapes.c", { args }, [
      "identity.h",
      "inflight.h",
    ]);
    expect(job.status, job.describe).toBe("ok");
    const seen = report(job.run?.stdout);
    if (args[0] !== "look") expect(seen.planted, job.describe).toBe("yes");
    // what the job before it left
    found.push({
      after: found.length ? SEQUENCE[found.length - 1]?.join(" ") : "nothing",
      ...shapesFound(seen),
    });
  }
  await expectNeighbourDone(neighbour);
  expect(found).toEqual(found.map(({ after }) => ({ after, ...NOTHING_OF_THE_SHAPES })));
  await unharmed(["c"]);
});

test("Python: what late-release.py leaves in flight does not reach the next job beside the same neighbour", async ({
  engine,
  unharmed,
}) => {
  const neighbour = startNeighbour(engine);
  await expectLateReleaseLeavesNothing(engine, 4);
  await expectNeighbourDone(neighbour);
  await unharmed(["python"]);
});
