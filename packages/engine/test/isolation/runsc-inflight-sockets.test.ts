import { expect } from "vitest";
import { attackWith, report } from "./isolation-helpers.js";
import { isolationTest } from "./isolation-test.js";

/**
 * Descriptors sent over a unix socket and never received live as long as that socket's queue,
 * and a socket in its own queue is held only by the kernel's collector of such cycles. Each job
 * puts there a datagram socket bound to an abstract name, an flock on /etc/passwd, eight
 * unlinked 1 MiB files of /tmp (the default file size limit) and its own stdin and stdout
 * pipes, closes everything and exits (the run must not wait for those pipes' end). Six jobs in one container (same hostname, same start of
 * PID 1): none may find anything of the one before it: the name listed in /proc/net/unix or
 * bound (EADDRINUSE, -98), the lock held (EWOULDBLOCK, -11), /tmp's space taken (statfs, the
 * kernel's count).
 * KNOWN GAP under gVisor (20221219), which has no such collector: all of it outlives every job
 * until the container is replaced (and runsc-inflight-fills-tmp.test.ts shows what that does to
 * the next jobs). Linux has one, but it runs on a work queue after a unix socket closes, and
 * nothing between jobs waits for it: under runc the next job sometimes starts first and sees the
 * same (here 1 pair of jobs in 10 with this program, 2 in 3 with one that sends the cycle before
 * any file), a race this runsc-only test can't pin down there. What the supervisor could do
 * after the sweep: open and close a unix socket (Linux schedules its collector), then wait until
 * /proc/net/unix of the container's network namespace lists no socket but its own (gVisor lists
 * sockets in flight there too), within the kill's 2 s, else ERROR so that the engine replaces the
 * container. Marked `fails` until then.
 */
const test = isolationTest({ languages: ["c"], pool: { min: 1, max: 1 }, runtime: "runsc" });

test.fails("state held only by unix sockets in flight does not reach the next job", async ({
  engine,
  unharmed,
}) => {
  const jobs: Array<Record<string, string>> = [];
  for (let i = 0; i < 6; i++) {
    const result = await attackWith(engine, "inflight-cycle.c", {}, ["identity.h"]);
    expect(result.status, result.describe).toBe("ok");
    const seen = report(result.run?.stdout);
    expect(seen.planted, result.describe).toBe("yes");
    expect(seen["held-kib"]).toBe(String(8 * 1024));
    jobs.push(seen);
  }
  for (const seen of jobs) {
    expect(seen.host).toBe(jobs[0]?.host);
    expect(seen["init-start"]).toBe(jobs[0]?.["init-start"]);
  }
  // What each job found of the one before it (the first found a fresh container).
  const found = jobs.map((seen) => ({
    listed: seen["name-listed"],
    bind: seen.bind,
    flock: seen.flock,
    tmpKibBelow4Mib: Number(seen["tmp-used-kib"]) < 4 * 1024,
  }));
  expect(found).toEqual(
    jobs.map(() => ({ listed: "0", bind: "0", flock: "0", tmpKibBelow4Mib: true })),
  );
  await unharmed(["c"]);
});
