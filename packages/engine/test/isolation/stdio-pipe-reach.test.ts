import { expect } from "vitest";
import { attackWith, report } from "./isolation-helpers.js";
import { isolationTest } from "./isolation-test.js";

/**
 * The program's stdin, stdout and stderr pipes are the sandbox user's (so it may open them by
 * name). Through /proc/<pid>/fd of every other process of the container (the supervisor, init)
 * the program opens, for reading or for writing, nothing but those same pipes: not the
 * supervisor's frames, nor anything else it holds.
 */
const test = isolationTest({ languages: ["c"], pool: { min: 1, max: 1 } });

test("another process's descriptors are out of reach but for the job's own pipes", async ({
  engine,
  unharmed,
}) => {
  const result = await attackWith(engine, "fd-reach.c");
  expect(result.status, result.describe).toBe("ok");
  const reached = (result.run?.stdout ?? "")
    .split("\n")
    .filter((line) => line.startsWith("reach="));
  expect(
    reached.filter((line) => !line.includes(":own:")),
    result.describe,
  ).toEqual([]);
  expect(report(result.run?.stdout).opened).toBe(String(reached.length));
  await unharmed(["c"]);
});
