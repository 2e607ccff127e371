import { expect } from "vitest";
import { UNDER_GVISOR } from "../helpers/test-engine.js";
import { attackWith, containerOf, report } from "./isolation-helpers.js";
import { isolationTest } from "./isolation-test.js";

/**
 * The kernel keeps counters of past use for the container's cgroup, and under runc (cgroup v1)
 * every job may read them: memory.max_usage_in_bytes (the peak since the container started),
 * cpuacct.usage (CPU time, ns), memory.stat's total_pgfault. No WIPE resets them (the cgroup
 * files are read-only in the container, and the supervisor measures each stage from them).
 * So a job that runs before and after another tenant's job in the same warm container (pool
 * min 1, max 1 here) learns that job's CPU time to the nanosecond, its page faults and, when it
 * is the highest so far, its peak memory: a side channel on what the other tenant's program did
 * with its input. Measured: a look, a job using 160 MiB and 1.5 s of CPU, a look: the second
 * look read a peak of 177 MB (was 9 MB) and 1.69 s more CPU time (runc, 2 runs of 2).
 * KNOWN LEAK under runc, marked `test.fails` there: it turns into the invariant the day the
 * counters are hidden or per job (a fix outside the supervisor: e.g. a cgroup per job, or the
 * counters masked for the sandbox user). gVisor (20221219) shows no cgroup files at all.
 *
 * The container's pid namespace lives as long as the container and gives pids in turn, so the
 * next job's pid tells how many processes and threads the jobs before it made: after a job of
 * 200 short threads the next look's pid was 201 higher than the job's own (runc 210 after 9,
 * gVisor 205 after 4). KNOWN LEAK in both runtimes (a fix: a pid namespace per job).
 */
const test = isolationTest({ languages: ["python"], pool: { min: 1, max: 1 } });

async function counters(engine: Parameters<typeof attackWith>[0], mode: "look" | "use") {
  // a loaded machine may give the 1.5 s of CPU far more wall time than the default limit
  const result = await attackWith(engine, "usage-counters.py", {
    args: [mode],
    limits: { timeMs: 30_000 },
  });
  expect(result.status, result.describe).toBe("ok");
  return report(result.run?.stdout);
}

(UNDER_GVISOR ? test : test.fails)(
  "a job can't read from the container's counters what the job before it used",
  async ({ engine }) => {
    const before = await counters(engine, "look");
    const used = await counters(engine, "use");
    const after = await counters(engine, "look");
    expect(used.used).toBe("yes");
    // the same container served the three jobs
    expect(new Set([before, used, after].map(containerOf)).size).toBe(1);
    expect({
      peakAbove100Mib: Number(after["memory-peak"]) > 100 * 1024 * 1024,
      cpuNsAbove1s: Number(after["cpu-ns"]) - Number(before["cpu-ns"]) > 1e9,
      pageFaultsAbove20000: Number(after["page-faults"]) - Number(before["page-faults"]) > 20_000,
    }).toEqual({ peakAbove100Mib: false, cpuNsAbove1s: false, pageFaultsAbove20000: false });
  },
);

test.fails("a job can't tell from its pid how many tasks the job before it made", async ({
  engine,
}) => {
  const used = await counters(engine, "use");
  const after = await counters(engine, "look");
  expect(used.used).toBe("yes");
  expect(containerOf(after)).toBe(containerOf(used));
  expect(
    Number(after.pid) - Number(used.pid),
    "pids given out between the two jobs' own",
  ).toBeLessThan(20);
});
