import { describe, expect } from "vitest";
import { UNDER_GVISOR } from "../helpers/test-engine.js";
import { NOTHING_OF_THE_SHAPES, shapesFound } from "./inflight-findings.js";
import { attackWith, containerOf, report } from "./isolation-helpers.js";
import { isolationTest } from "./isolation-test.js";

/**
 * State that only unix sockets in flight hold, in the shapes of programs/inflight-shapes.c: a
 * stream socket in its own out-of-band byte, a seqpacket socket in its own queue, a listener in
 * the queue of a connection it never accepted (an embryo, listed with inode 0), a self-cycle on
 * top of a chain of sockets each in the queue of the one above (what is held is in the deepest
 * one's), and thousands of separate cycles. Each holds an flock on /etc/passwd, an OFD lock on
 * /etc/group, an abstract socket name, a TCP listener and a UDP socket on loopback ports,
 * 8 MiB of unlinked files of /dev/shm and 8 unlinked POSIX message queues (not under the 1500
 * chain: inflight-outlives-error.test.ts shows why). With one sandbox
 * (pool min 1, max 1), the job after each plant finds none of them (as the kernel tells: the
 * locks free, the name and ports free to bind, /dev/shm's space back, 8 queues of its own within
 * the uid's RLIMIT_MSGQUEUE): the WIPE either proves them released (PROTOCOL.md, WIPE step
 * 2: the list of unix sockets, then the two probes of the deferred closes) and says CLEAN, or
 * gives the container up.
 * A chain of 64 sockets costs the kernel 64 passes of its deferred closes (one jiffy apart) and
 * is waited out in the same container; one of 1500 outlasts the WIPE's 2 s budget: ERROR, and
 * the next job runs in a fresh container. gVisor (20221219) has no collector: every plant
 * costs its container; it refuses MSG_OOB on unix sockets and OFD locks (EINVAL, -22), so the
 * out-of-band shape plants nothing there.
 * Measured before this file: runc 18 pairs, every one clean (15 in the same container, the 1500
 * chain's 3 in fresh ones); gVisor 6 pairs, clean.
 */
const test = isolationTest({ languages: ["c"], pool: { min: 1, max: 1 } });

const PAIRS = UNDER_GVISOR ? 1 : 3;

/** Each shape, its arguments, and whether the WIPE waits it out in the same container (runc). */
const SHAPES = [
  { args: ["oob", "+mqueues"], sameContainer: true, plantsUnderGvisor: false },
  { args: ["seqpacket", "+mqueues"], sameContainer: true, plantsUnderGvisor: true },
  { args: ["embryo", "+mqueues"], sameContainer: true, plantsUnderGvisor: true },
  { args: ["deep", "64", "+mqueues"], sameContainer: true, plantsUnderGvisor: true },
  { args: ["wide", "4000", "+mqueues"], sameContainer: true, plantsUnderGvisor: true },
  { args: ["deep", "1500"], sameContainer: false, plantsUnderGvisor: true },
];

async function run(engine: Parameters<typeof attackWith>[0], args: string[]) {
  const result = await attackWith(engine, "inflight-shapes.c", { args }, [
    "identity.h",
    "inflight.h",
  ]);
  expect(result.status, result.describe).toBe("ok");
  return { seen: report(result.run?.stdout), describe: result.describe };
}

describe("state held by unix sockets in flight, in any shape, does not reach the next job", () => {
  for (const { args, sameContainer, plantsUnderGvisor } of SHAPES) {
    const plants = !UNDER_GVISOR || plantsUnderGvisor;
    test(`C: ${args.join(" ")}`, async ({ engine, unharmed }) => {
      const found: Array<Record<string, unknown>> = [];
      for (let i = 0; i < PAIRS; i++) {
        const planted = await run(engine, args);
        const next = await run(engine, ["look"]);
        const { seen } = next;
        found.push({
          planted: planted.seen.planted,
          ...shapesFound(seen),
          sameContainer: containerOf(planted.seen) === containerOf(seen),
        });
      }
      expect(found).toEqual(
        found.map(() => ({
          planted: plants ? "yes" : "no",
          ...NOTHING_OF_THE_SHAPES,
          // a plant left under gVisor always costs the container
          sameContainer: UNDER_GVISOR ? !plants : sameContainer,
        })),
      );
      await unharmed(["c"]);
    });
  }
});
