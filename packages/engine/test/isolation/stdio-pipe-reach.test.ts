import { expect } from "vitest";
import { attackWith, report } from "./isolation-helpers.js";
import { isolationTest } from "./isolation-test.js";

/**
 * The program's stdin, stdout and stderr pipes are the sandbox user's (so it may open them by
 * name). That gives it nothing more: through /proc/<pid>/fd of every other process of the
 * container (the supervisor, init) it opens, for reading or for writing, nothing but those same
 * pipes (gVisor lets it list the supervisor's fds and open its ends of them; Linux refuses even
 * the list), and stdout opened again by name still counts against the output limit, which
 * triggers at exactly outputBytes.
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

test("stdout opened again by name counts against the output limit, exactly", async ({
  engine,
  unharmed,
}) => {
  const outputBytes = 100_000;
  const write = (bytes: number) =>
    attackWith(engine, "reopened-stdout.c", {
      args: [String(bytes)],
      limits: { outputBytes },
    });
  const exact = await write(outputBytes);
  expect(exact.status, exact.describe).toBe("ok");
  expect(exact.run?.stdout).toHaveLength(outputBytes);
  const over = await write(outputBytes + 1);
  expect(over.status, over.describe).toBe("output_limit");
  expect(over.run?.stdout).toHaveLength(outputBytes);
  await unharmed(["c"]);
});
