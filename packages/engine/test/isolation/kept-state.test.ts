import { describe, expect } from "vitest";
import type { Engine } from "../../src/engine/engine-types.js";
import { attackWith, report } from "./isolation-helpers.js";
import { isolationTest } from "./isolation-test.js";

/**
 * State a container keeps between jobs beside processes and files: the wipe empties the work
 * directory but keeps the directory itself (a mount point owned by the sandbox user), and the
 * container's network namespace lives as long as the container. With one sandbox (pool min 1,
 * max 1) run B reuses run A's container, proven by its hostname and PID 1's start time, and
 * must find nothing of what A left there. The programs are in ./programs.
 */
const test = isolationTest({ languages: ["c"], pool: { min: 1, max: 1 } });

/** programs/state-observer.c's view of the container, as key=value pairs. */
async function observe(engine: Engine): Promise<Record<string, string>> {
  const result = await attackWith(engine, "state-observer.c");
  expect(result.status, result.describe).toBe("ok");
  return report(result.run?.stdout);
}

/** What a run finds in a container no earlier job marked. */
const UNMARKED = {
  "box-xattrs": "",
  "box-flags": "0",
  "new-file-mode": "644",
  "tcp-sockets": "0",
  "bind-5555": "ok",
  "tcp-metrics": "0",
};
const marks = (view: Record<string, string>) => ({
  "box-xattrs": view["box-xattrs"],
  "box-flags": view["box-flags"],
  "new-file-mode": view["new-file-mode"],
  "tcp-sockets": view["tcp-sockets"],
  "bind-5555": view["bind-5555"],
  "tcp-metrics": view["tcp-metrics"],
});

/** Runs the attack between two looks at the container and returns the second. */
async function afterAttack(engine: Engine, file: string): Promise<Record<string, string>> {
  const before = await observe(engine);
  expect(marks(before)).toEqual(UNMARKED);
  const planted = await attackWith(engine, file);
  expect(planted.status, planted.describe).toBe("ok");
  expect(report(planted.run?.stdout).planted, planted.describe).toBe("yes");
  const after = await observe(engine);
  expect(after.host).toBe(before.host);
  expect(after["init-start"]).toBe(before["init-start"]);
  return after;
}

/** Each attack (a file of programs/) and what it left in the container until the fix. */
const ATTACKS = [
  {
    file: "box-attributes.c",
    what: "an extended attribute, a default ACL and an inode flag on the work directory are gone (was: B read A's secret and could not read its own new files)",
  },
  {
    file: "time-wait.c",
    what: "a loopback connection A closed first leaves no TIME_WAIT socket, B binds its port (was: EADDRINUSE for 60 s)",
  },
  {
    file: "tcp-metrics.c",
    what: "the TCP metrics A's loopback connections left in the namespace's cache are not kept (was: B listed the addresses A chose)",
  },
];

describe("what the container keeps between jobs carries nothing of run A", () => {
  for (const { file, what } of ATTACKS) {
    test(`C: ${what}`, async ({ engine, unharmed }) => {
      expect(marks(await afterAttack(engine, file))).toEqual(UNMARKED);
      await unharmed(["c"]);
    });
  }
});
