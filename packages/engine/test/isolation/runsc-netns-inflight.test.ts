import { expect } from "vitest";
import { attackWith, report } from "./isolation-helpers.js";
import { isolationTest } from "./isolation-test.js";

/**
 * Under gVisor any user may make a user namespace and, in it, a network namespace; unix
 * sockets made there belong to that namespace, not to the container's one whose
 * /proc/net/unix the WIPE reads (PROTOCOL.md, WIPE step 2). programs/netns-inflight-cycle.c
 * leaves from there a cycle of sockets in flight holding an flock on /etc/passwd and 8 MiB of
 * unlinked files of /tmp. gVisor (20221219) lists every unix socket of its kernel in every
 * /proc/net/unix, so the WIPE still sees them and gives the container up: the next job, with
 * one sandbox (pool min 1, max 1), runs in a fresh container and finds neither the lock
 * (flock succeeds) nor the space (statfs of /tmp).
 * Under runc a sandbox can make no user namespace (escape-and-snooping.test.ts).
 */
const test = isolationTest({ languages: ["c"], pool: { min: 1, max: 1 }, runtime: "runsc" });

test("a cycle of sockets in flight left from another network namespace does not reach the next job", async ({
  engine,
  unharmed,
}) => {
  const planted = await attackWith(engine, "netns-inflight-cycle.c", { args: ["netns"] }, [
    "identity.h",
    "inflight.h",
  ]);
  expect(planted.status, planted.describe).toBe("ok");
  expect(report(planted.run?.stdout), planted.describe).toMatchObject({
    unshare: "0",
    "plant-flock": "0",
    "held-kib": String(8 * 1024),
    sendmsg: "1",
    planted: "yes",
  });
  const next = await attackWith(engine, "netns-inflight-cycle.c", { args: ["look"] }, [
    "identity.h",
    "inflight.h",
  ]);
  expect(next.status, next.describe).toBe("ok");
  const seen = report(next.run?.stdout);
  expect(seen.flock, next.describe).toBe("0");
  expect(Number(seen["tmp-used-kib"]), next.describe).toBeLessThan(1024);
  await unharmed(["c"]);
});
