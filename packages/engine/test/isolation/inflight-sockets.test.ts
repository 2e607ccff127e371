import { expect } from "vitest";
import { UNDER_GVISOR } from "../helpers/test-engine.js";
import { attackWith, report } from "./isolation-helpers.js";
import { isolationTest } from "./isolation-test.js";

/**
 * Descriptors sent over a unix socket and never received live as long as that socket's queue,
 * and a socket in its own queue is held only by the kernel's collector of such cycles. A job
 * puts there a datagram socket bound to an abstract name, an flock on /etc/passwd and an
 * unlinked 32 MiB file of /tmp, closes everything and exits; the next job in the same container
 * (same hostname, same start of PID 1) must find the name free, the lock free and the file's
 * space given back (statfs of /tmp, the kernel's count). Its stdin and stdout pipes go there too:
 * the run must not wait for their end.
 * KNOWN GAP under gVisor: its kernel has no collector of unix-socket cycles (20221219), so all
 * three outlive the job, and every such job keeps its file's memory in the sandbox until the
 * container is replaced. The supervisor could prove the sandbox free of them: after the sweep
 * no unix socket may be left in /proc/net/unix (gVisor lists sockets in flight there), else
 * ERROR and the engine replaces the container. Marked `fails` there until it does.
 */
const test = isolationTest({ languages: ["c"], pool: { min: 1, max: 1 } });

(UNDER_GVISOR ? test.fails : test)(
  "state held only by unix sockets in flight does not outlive the job",
  async ({ engine, unharmed }) => {
    const job = async () => {
      const result = await attackWith(engine, "inflight-cycle.c", {}, ["identity.h"]);
      expect(result.status, result.describe).toBe("ok");
      const seen = report(result.run?.stdout);
      expect(seen.planted, result.describe).toBe("yes");
      return seen;
    };
    const first = await job();
    const second = await job();
    expect(second.host).toBe(first.host);
    expect(second["init-start"]).toBe(first["init-start"]);
    expect(first.bind, "nothing of an earlier job: the name is free").toBe("0");
    expect(first.flock).toBe("0");
    // The first job's file is gone from /tmp's count (it held 32 MiB of it).
    expect(Number(second["tmp-used-kib"])).toBeLessThan(16 * 1024);
    expect(second["name-listed"], "/proc/net/unix lists no socket of the first job").toBe("0");
    expect(second.bind, "the abstract name is free again (EADDRINUSE, -98, if not)").toBe("0");
    expect(second.flock, "/etc/passwd is not locked (EWOULDBLOCK, -11, if it is)").toBe("0");
    await unharmed(["c"]);
  },
);
