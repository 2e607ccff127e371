import { UNDER_GVISOR } from "../helpers/test-engine.js";
import { expectLateReleaseLeavesNothing } from "./inflight-findings.js";
import { isolationTest } from "./isolation-test.js";

/**
 * The WIPE proves a job's sockets in flight gone when /proc/net/unix no longer lists them
 * (PROTOCOL.md, WIPE step 2). But a socket leaves that list when the kernel closes it, and the
 * descriptors its queue held are closed after that: Linux's collector runs in a kernel worker,
 * whose closes are deferred to a later pass of another worker. programs/late-release.py puts an
 * flock on /etc/passwd and 128 MiB of unlinked files of /tmp and /box in the queue of a socket
 * that only a cycle holds; with one sandbox (pool min 1, max 1) the next job, a clean Python
 * program, would find the lock held (EWOULDBLOCK), /box full and its own 4 MiB write in /box
 * refused (ENOSPC), as it did in 3 pairs of jobs in 4 (runc, Linux 6.18) before the WIPE waited
 * for its two probes after the list (unix_sockets.c). gVisor (20221219) has no collector: the
 * WIPE gives such a container up and the next job runs in a fresh one.
 */
const test = isolationTest({ languages: ["python"], pool: { min: 1, max: 1 } });

// Under gVisor each plant costs the WIPE's 2 s and a fresh container: fewer pairs there.
const PAIRS = UNDER_GVISOR ? 3 : 8;

test("what a socket in flight held is released before the next job starts", async ({
  engine,
  unharmed,
}) => {
  await expectLateReleaseLeavesNothing(engine, PAIRS);
  await unharmed(["python"]);
});
