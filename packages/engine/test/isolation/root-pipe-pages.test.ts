import { expect } from "vitest";
import { UNDER_GVISOR } from "../helpers/test-engine.js";
import { attackWith, report } from "./isolation-helpers.js";
import { isolationTest } from "./isolation-test.js";

/**
 * A job's stdin, stdout and stderr are pipes the supervisor makes, and the kernel charges a
 * pipe's pages to the real uid that made it (fs.pipe-user-pages-soft, 16,384 pages for a uid
 * across the host). Any job may grow its three to 1 MiB (768 pages). When the supervisor made
 * them as root, every container's supervisor being the host's root, about 21 jobs at once (15
 * to 20 here) took all of root's count, and then every other tenant's job got stdio pipes of
 * 8 KiB that it couldn't grow (EPERM), as did every root without CAP_SYS_RESOURCE on the host.
 * The supervisor now makes them with the sandbox uid as real uid: each container's jobs spend
 * their own uid's pages. Here 22 jobs hold theirs for 15 s while one more job grows its own.
 * gVisor makes the pipes in its own kernel per sandbox: not run there (23 gVisor sandboxes for
 * nothing to see). Costs CI 23 warm Python sandboxes and about 25 s (runc only).
 */
const HOLDERS = 22;
const test = isolationTest({
  languages: ["python"],
  pool: { min: HOLDERS + 1, max: HOLDERS + 1 },
  maxSandboxes: HOLDERS + 1,
});

test.skipIf(UNDER_GVISOR)(
  "a job may grow its stdout pipe whatever other tenants' jobs hold of theirs",
  async ({ engine }) => {
    const holders = Array.from({ length: HOLDERS }, () =>
      attackWith(engine, "grow-stdio-pipes.py", { args: ["15"], limits: { timeMs: 30_000 } }),
    );
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    const beside = await attackWith(engine, "grow-stdio-pipes.py");
    const held = await Promise.all(holders);
    expect(held.filter((result) => result.status === "ok").length).toBeGreaterThan(0);
    expect(beside.status, beside.describe).toBe("ok");
    // the kernel's word: EPERM ("Operation not permitted") once root's pipe pages are taken
    expect(report(beside.run?.stdout).stdout, beside.describe).toBe("65536 ok");
  },
);
