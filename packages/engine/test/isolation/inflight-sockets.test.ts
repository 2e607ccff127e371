import { expect } from "vitest";
import { UNDER_GVISOR } from "../helpers/test-engine.js";
import { attackWith, containerOf, report } from "./isolation-helpers.js";
import { isolationTest } from "./isolation-test.js";

/**
 * Descriptors sent over a unix socket and never received live as long as that socket's queue,
 * and a socket in its own queue is held only by the kernel's collector of such cycles. Each job
 * puts there a datagram socket bound to an abstract name, an flock on /etc/passwd, eight
 * unlinked 1 MiB files of /tmp (the default file size limit) and its own stdin and stdout
 * pipes, closes everything and exits (the run must not wait for those pipes' end). With one
 * sandbox (pool min 1, max 1), no job may find anything of the one before it: the name listed
 * in /proc/net/unix or bound (EADDRINUSE, -98), the lock held (EWOULDBLOCK, -11), /tmp's space
 * taken (statfs, the kernel's count).
 * The supervisor's WIPE releases a unix socket (Linux then schedules its collector, a work queue
 * the next job used to beat: 1 pair of jobs in 10 with this program) and waits until the
 * container's /proc/net/unix lists no socket of the job (PROTOCOL.md, WIPE step 2). Under runc
 * that frees everything and the same container serves every job (its hostname and PID 1's start
 * time). gVisor (20221219) has no collector: the WIPE gives each such container up and every job
 * runs in a fresh one (3 jobs there: each costs the WIPE's 2 s and a new container).
 * The host-kernel side: test/supervisor/unix-sockets-settle.test.ts.
 */
const test = isolationTest({ languages: ["c"], pool: { min: 1, max: 1 } });

const JOBS = UNDER_GVISOR ? 3 : 6;

test("state held only by unix sockets in flight does not reach the next job", async ({
  engine,
  unharmed,
}) => {
  const jobs: Array<Record<string, string>> = [];
  for (let i = 0; i < JOBS; i++) {
    const result = await attackWith(engine, "inflight-cycle.c", {}, ["identity.h", "inflight.h"]);
    expect(result.status, result.describe).toBe("ok");
    const seen = report(result.run?.stdout);
    expect(seen.planted, result.describe).toBe("yes");
    expect(seen["held-kib"]).toBe(String(8 * 1024));
    jobs.push(seen);
  }
  // What each job found of the one before it (or, in a fresh container, of none).
  const found = jobs.map((seen) => ({
    listed: seen["name-listed"],
    bind: seen.bind,
    flock: seen.flock,
    tmpKibBelow4Mib: Number(seen["tmp-used-kib"]) < 4 * 1024,
  }));
  expect(found).toEqual(
    jobs.map(() => ({ listed: "0", bind: "0", flock: "0", tmpKibBelow4Mib: true })),
  );
  const containers = new Set(jobs.map(containerOf));
  expect(containers.size, "containers that served the jobs").toBe(UNDER_GVISOR ? JOBS : 1);
  await unharmed(["c"]);
});
