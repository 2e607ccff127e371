import { expect } from "vitest";
import type { Engine } from "../../src/engine/engine-types.js";
import { attackWith, containerOf, report } from "./isolation-helpers.js";
import { isolationTest } from "./isolation-test.js";

/**
 * A WIPE that can't prove a job's sockets in flight released in its 2 s says ERROR, and the
 * engine gives the next job a fresh container (PROTOCOL.md, WIPE step 2). What the kernel counts
 * per uid for the whole host outlives that container: a chain of unix sockets in flight is
 * released one socket per pass of the kernel's deferred closes (one jiffy or more apart).
 * programs/inflight-shapes.c "deep 2000 +mqueues" puts 8 unlinked POSIX message queues (the uid's
 * RLIMIT_MSGQUEUE: 8 such queues is about all of it) under a 2000-deep chain and ends; after a
 * 4000-deep chain the space came back more than 31 s later (runc, Linux 6.18, HZ 250). When
 * every sandbox ran as uid 1000, the next job (7 of 7 tries) could make 1 queue or none. Now the
 * fresh container has a uid of its own, whose space is whole: the next job makes its 8 queues,
 * as in any fresh container. The old uid comes back only after the engine has handed out every
 * other one (src/docker/sandbox-uids.ts). gVisor has its own kernel per sandbox (and no message
 * queues: ENOSYS, -38).
 */
const test = isolationTest({ languages: ["c"], pool: { min: 1, max: 1 } });

async function shapes(engine: Engine, args: string[]) {
  const result = await attackWith(engine, "inflight-shapes.c", { args }, [
    "identity.h",
    "inflight.h",
  ]);
  expect(result.status, result.describe).toBe("ok");
  return report(result.run?.stdout);
}

test("the job after one whose sockets in flight outlast the WIPE gets the uid's message queue space, as in a fresh container", async ({
  engine,
}) => {
  const baseline = await shapes(engine, ["look"]);
  const planted = await shapes(engine, ["deep", "2000", "+mqueues"]);
  const next = await shapes(engine, ["look"]);
  expect(planted.planted).toBe("yes");
  // the WIPE gave the planting container up
  expect(containerOf(next)).not.toBe(containerOf(planted));
  expect(next.mqueues, "queues the next job could make").toBe(baseline.mqueues);
});
