import { expect } from "vitest";
import { helloAndEcho } from "../helpers/programs.js";
import { attackWith, report } from "./isolation-helpers.js";
import { isolationTest } from "./isolation-test.js";

/**
 * Under gVisor a file that only unix sockets in flight hold (inflight-sockets.test.ts) would
 * keep its space in /tmp for as long as the container lives: gVisor has no collector of such
 * cycles. Two jobs that each leave 48 MiB that way would fill the container's /tmp, and every
 * later job of that container failed to compile ("No space left on device", reported as the
 * user's compile_error) until the pool replaced it. Now the supervisor's WIPE sees the job's
 * sockets still listed in /proc/net/unix and gives the container up (PROTOCOL.md, WIPE step 2):
 * the second job runs in a fresh container, and so does the next job, someone else's plain C
 * program, which must compile and run.
 */
const test = isolationTest({ languages: ["c"], pool: { min: 1, max: 1 }, runtime: "runsc" });

test("a /tmp filled by sockets in flight does not break the next jobs", async ({
  engine,
  unharmed,
}) => {
  const hosts: string[] = [];
  for (let i = 0; i < 2; i++) {
    const result = await attackWith(engine, "inflight-cycle.c", { args: ["48"] }, [
      "identity.h",
      "inflight.h",
    ]);
    expect(result.status, result.describe).toBe("ok");
    hosts.push(report(result.run?.stdout).host ?? "");
  }
  expect(hosts[1], "the second job in a fresh container").not.toBe(hosts[0]);
  const program = helloAndEcho("c");
  const next = await engine.execute({
    language: "c",
    files: [{ name: program.file, content: program.source }],
    stdin: "still alive\n",
    args: ["ok"],
  });
  expect(next.status, JSON.stringify(next)).toBe("ok");
  expect(next.run?.stdout).toBe("hello\nstill alive\nok\n");
  await unharmed(["c"]);
});
