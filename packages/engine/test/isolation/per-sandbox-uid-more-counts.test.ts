import { expect } from "vitest";
import { UNDER_GVISOR } from "../helpers/test-engine.js";
import { attackWith, report } from "./isolation-helpers.js";
import { isolationTest } from "./isolation-test.js";

/**
 * More of what the kernel counts per uid across the host (beside per-sandbox-uid.test.ts's
 * inotify instances and descriptors in flight): queued real-time signals (RLIMIT_SIGPENDING),
 * pipe buffer pages (fs.pipe-user-pages-soft: over it, new pipes get 2 pages instead of 16 and
 * can't grow) and message queue space (RLIMIT_MSGQUEUE). A C job takes all three and holds them;
 * a Python job in another container at the same time meets none of their errors (EAGAIN, EPERM,
 * EMFILE), since each container has a uid of its own. gVisor has a kernel per sandbox, and no
 * message queues (ENOSYS).
 */
const test = isolationTest({ languages: ["c", "python"], pool: { min: 1, max: 1 } });

test("C holding its uid's pending signals, pipe pages and queue space: a Python run beside it meets no limit", async ({
  engine,
  unharmed,
}) => {
  const [hoarded, beside] = await Promise.all([
    attackWith(engine, "per-uid-hoard.c", { limits: { timeMs: 15_000 } }),
    attackWith(engine, "per-uid-neighbour.py", { limits: { timeMs: 10_000 } }),
  ]);
  expect(hoarded.status, hoarded.describe).toBe("ok");
  expect(beside.status, beside.describe).toBe("ok");
  if (!UNDER_GVISOR) expect(report(hoarded.run?.stdout).held, hoarded.describe).toBe("1");
  expect(report(beside.run?.stdout), beside.describe).toEqual({
    signal: "ok",
    pipe: "ok",
    mqueue: UNDER_GVISOR ? "Function not implemented" : "ok",
  });
  await unharmed(["c", "python"]);
});
