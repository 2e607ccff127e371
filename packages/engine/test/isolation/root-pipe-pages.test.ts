import { expect } from "vitest";
import { UNDER_GVISOR } from "../helpers/test-engine.js";
import { attackWith, report } from "./isolation-helpers.js";
import { isolationTest } from "./isolation-test.js";

/**
 * KNOWN HOLE under runc, beside the uid per container: a job's stdin, stdout and stderr are pipes
 * the supervisor made, as root, so the kernel charges their pages to root's count
 * (fs.pipe-user-pages-soft, 16,384 pages for a uid across the host), and every container's
 * supervisor is the host's root. Any job may grow its three to 1 MiB (768 pages): about 21 jobs
 * at once (fewer on a host whose root already holds pipes: 15 to 20 here) take all of
 * root's count, and then the jobs of every other tenant get stdio pipes of 8 KiB that they can't
 * grow (EPERM), and so does every root without CAP_SYS_RESOURCE on the host (any container's
 * root). Here 22 jobs hold theirs for 15 s while one more job grows its own.
 * A fix inside the supervisor: make the stage's pipes with the sandbox uid as real uid (the kernel
 * charges a pipe to its maker's real uid), as the kill takes the sandbox uid. gVisor makes the
 * pipes in its own kernel per sandbox: not run there (23 gVisor sandboxes for nothing to see).
 * Costs CI 23 warm Python sandboxes and about 25 s (runc only).
 */
const HOLDERS = 22;
const test = isolationTest({
  languages: ["python"],
  pool: { min: HOLDERS + 1, max: HOLDERS + 1 },
  maxSandboxes: HOLDERS + 1,
});

test
  .skipIf(UNDER_GVISOR)
  .fails(
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
