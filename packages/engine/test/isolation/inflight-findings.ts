import { expect } from "vitest";
import type { Engine } from "../../src/engine/engine-types.js";
import { UNDER_GVISOR } from "../helpers/test-engine.js";
import { attackWith, report } from "./isolation-helpers.js";

/**
 * What a job running programs/inflight-shapes.c's `look` (or any shape, which looks first)
 * found of the state the job before it put in flight, as the kernel tells it.
 */
export function shapesFound(seen: Record<string, string>) {
  return {
    flock: seen.flock,
    "ofd-lock": seen["ofd-lock"],
    "bind-name": seen["bind-name"],
    "bind-tcp": seen["bind-tcp"],
    "bind-udp": seen["bind-udp"],
    shmBelow1Mib: Number(seen["shm-used-kib"]) < 1024,
    mqueues: seen.mqueues,
  };
}

/** shapesFound when nothing of the job before is left. */
export const NOTHING_OF_THE_SHAPES = {
  flock: "0",
  // gVisor refuses OFD locks (EINVAL, -22)
  "ofd-lock": UNDER_GVISOR ? "-22" : "0",
  "bind-name": "0",
  "bind-tcp": "0",
  "bind-udp": "0",
  shmBelow1Mib: true,
  // gVisor has no POSIX message queues (the supervisor's filter: ENOSYS, -38)
  mqueues: UNDER_GVISOR ? "-38" : "8",
};

/**
 * `pairs` times: programs/late-release.py plants an flock and 128 MiB of unlinked files of /tmp
 * and /box in flight, then the next job looks. Expects every look to find none of it.
 */
export async function expectLateReleaseLeavesNothing(engine: Engine, pairs: number) {
  const found: Array<Record<string, string | boolean>> = [];
  for (let i = 0; i < pairs; i++) {
    const planted = await attackWith(engine, "late-release.py", { args: ["plant"] });
    expect(planted.status, planted.describe).toBe("ok");
    expect(report(planted.run?.stdout).planted, planted.describe).toBe("yes");
    const next = await attackWith(engine, "late-release.py", { args: ["look"] });
    expect(next.status, next.describe).toBe("ok");
    const seen = report(next.run?.stdout);
    found.push({
      flock: seen.flock ?? "",
      boxWriteMib: seen["box-write-mib"] ?? "",
      tmpBelow1Mib: Number(seen["tmp-used-kib"]) < 1024,
    });
  }
  expect(found).toEqual(found.map(() => ({ flock: "0", boxWriteMib: "4", tmpBelow1Mib: true })));
}
