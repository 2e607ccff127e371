import { expect } from "vitest";
import { attackWith, containerOf, report } from "./isolation-helpers.js";
import { isolationTest } from "./isolation-test.js";

/**
 * Under gVisor the supervisor refuses mq_open to the job (no /dev/mqueue for the wipe to empty,
 * runsc-mqueue-memory.test.ts). A tracer could swap a traced child's system call for mq_open at
 * its entry stop, and gVisor runs the filter before that stop and never again: so there the
 * filter refuses ptrace too. Two jobs in one container try it: neither can trace its child, and
 * no queue of the first is there for the second (EEXIST, -17, would be the first job's queue).
 */
const test = isolationTest({ languages: ["c"], pool: { min: 1, max: 1 }, runtime: "runsc" });

test("a tracer can't swap its child's system call for mq_open: ptrace is refused, no queue outlives the job", async ({
  engine,
  unharmed,
}) => {
  const job = async () => {
    const result = await attackWith(engine, "mqueue-ptrace-swap.c", {}, [
      "identity.h",
      "ptrace-swap.h",
    ]);
    expect(result.status, result.describe).toBe("ok");
    return report(result.run?.stdout);
  };
  const first = await job();
  const second = await job();
  // The same container served both jobs (its hostname and PID 1's start time).
  expect(containerOf(second)).toBe(containerOf(first));
  for (const seen of [first, second]) {
    expect(seen.traceme, "PTRACE_TRACEME").toBe("-38");
    expect(seen.swapped).toBe("no");
    expect(seen["mq-open"], "no traced child, no swapped call").toBe("-3");
  }
  await unharmed(["c"]);
});
