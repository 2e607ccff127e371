import { describe, expect } from "vitest";
import type { Engine } from "../../src/engine/engine-types.js";
import { UNDER_GVISOR } from "../helpers/test-engine.js";
import { attack, attackWith, containerOf, report } from "./isolation-helpers.js";
import { isolationTest } from "./isolation-test.js";

/**
 * Cross-run leakage: with one sandbox per language (pool min 1, max 1), run B reuses run A's
 * container (proven by the container's hostname and its init's start time) and must find
 * nothing of what A left: no file, no process, no IPC object, no changed environment or
 * toolchain.
 */
const test = isolationTest({
  languages: ["python", "c", "javascript"],
  pool: { min: 1, max: 1 },
});

/** Python lines that print the container's identity: hostname and PID 1's start time. */
const IDENTITY_PY = [
  "import hashlib, os, socket, sys",
  "print('host=' + socket.gethostname())",
  "print('init-start=' + open('/proc/1/stat').read().rsplit(')', 1)[1].split()[19])",
];

/**
 * Runs programs/<plant> (run A), then programs/<look> (run B), with `extraFiles` beside each:
 * both ok, A planted, and the same container served both (its hostname and PID 1's start
 * time), or with `sameContainer` false a fresh one served B. Returns their reports.
 */
async function runAThenB(
  engine: Engine,
  plant: string,
  look: string,
  extraFiles: readonly string[] = [],
  sameContainer = true,
): Promise<{ a: Record<string, string>; b: Record<string, string> }> {
  const runA = await attackWith(engine, plant, {}, extraFiles);
  expect(runA.status, runA.describe).toBe("ok");
  const a = report(runA.run?.stdout);
  expect(a.planted, runA.describe).toBe("yes");
  const runB = await attackWith(engine, look, {}, extraFiles);
  expect(runB.status, runB.describe).toBe("ok");
  const b = report(runB.run?.stdout);
  if (!sameContainer) {
    expect(b.host).not.toBe(a.host);
    return { a, b };
  }
  expect(containerOf(b)).toBe(containerOf(a));
  return { a, b };
}

describe("run B after run A, in the same container", () => {
  test("Python: files everywhere, a daemon, IPC objects, a shadowed stdlib module: all gone", async ({
    engine,
    unharmed,
  }) => {
    // gVisor can't list System V IPC objects to remove them, only count them: A's make the
    // supervisor give its container up, and B runs in a fresh one (runtimes.md).
    const { a, b } = await runAThenB(engine, "leak-plant.py", "leak-look.py", [], !UNDER_GVISOR);
    expect(Number(a.shm)).toBeGreaterThanOrEqual(0);
    // gVisor has POSIX message queues but no /dev/mqueue for the wipe to empty: the supervisor
    // refuses them to the job there (mq_open answers ENOSYS, runsc-mqueue-memory.test.ts).
    if (UNDER_GVISOR) expect(a.mq).toBe("-1");
    else expect(Number(a.mq)).toBeGreaterThanOrEqual(0);
    expect(b).toMatchObject({
      "python-sha": a["python-sha"],
      json: expect.stringMatching(/^\/usr\/lib\/python3\.\d+\/json$/),
      "/box": "main.py",
      "/tmp": "",
      "/dev/shm": "",
      // gVisor has no /dev/mqueue (A could make no queue) nor /proc/sysvipc (A's System V
      // objects got B a fresh container).
      "/dev/mqueue": UNDER_GVISOR ? "absent" : "",
      processes: "",
      sysvipc: UNDER_GVISOR ? "absent" : "0",
      env: "HOME,LANG,LC_ALL,PATH,PYTHONDONTWRITEBYTECODE,TMPDIR,USER",
      umask: "0o22",
    });
    await unharmed(["python"]);
  });

  test("C: a signal-proof background process and files of run A are gone for run B", async ({
    engine,
    unharmed,
  }) => {
    const { b } = await runAThenB(engine, "leak-plant.c", "leak-look.c", ["identity.h"]);
    expect(b).toMatchObject({ "/tmp": "", processes: "0", sub: "gone" });
    await unharmed(["c"]);
  });

  test("JavaScript: a detached child and a planted node_modules package are gone for run B", async ({
    engine,
    unharmed,
  }) => {
    const { b } = await runAThenB(engine, "leak-plant.js", "leak-look.js");
    expect(b).toMatchObject({
      leftpad: "MODULE_NOT_FOUND",
      box: "main.js",
      tmp: "",
      processes: "0",
    });
    await unharmed(["javascript"]);
  });

  test("a container whose run hit a limit is never reused: the next run gets a fresh one", async ({
    engine,
  }) => {
    const identity = IDENTITY_PY.join("\n");
    const before = report(
      (await engine.execute({ language: "python", source: identity })).run?.stdout,
    );
    const timedOut = await attack(engine, {
      language: "python",
      source: "open('/tmp/left-by-timeout', 'w').write('x')\nwhile True: pass",
      limits: { timeMs: 800 },
    });
    expect(timedOut.status, timedOut.describe).toBe("timeout");
    const after = await attack(engine, {
      language: "python",
      source: `${identity}\nprint('tmp=' + ','.join(os.listdir('/tmp')))`,
    });
    expect(after.status, after.describe).toBe("ok");
    const seen = report(after.run?.stdout);
    expect(seen.host).not.toBe(before.host);
    expect(seen.tmp).toBe("");
  });
});
