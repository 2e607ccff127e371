import { expect, test, vi } from "vitest";
import { LABEL_SANDBOX_UID, SANDBOX_UIDS } from "../../src/docker/sandbox-uids.js";
import {
  containersOf,
  docker,
  type TestEngine,
  testEngine,
  UNDER_GVISOR,
} from "../helpers/test-engine.js";
import {
  attackWith,
  containerOf,
  hostEscapees,
  report,
  sandboxUserProcesses,
} from "./isolation-helpers.js";

/**
 * The uid per container (src/docker/sandbox-uids.ts) across engines on one daemon. Each engine
 * walks the range with a cursor of its own, from a random start:
 * - when two cursors meet (one engine replaces containers faster than another and laps the
 *   range, or two engines start near each other), both see the same free uid in the daemon's
 *   list; the container's name (one per uid) lets only one of them create a container with it,
 *   and the other takes the next. Two live containers never share a uid, nor a count the kernel
 *   keeps per uid: a run beside an inotify hoard of the other engine gets its instances.
 * - KNOWN HOLE: one engine's cursor may reach a uid another engine's container has just given
 *   up. "A uid comes back only after the engine has handed out the 2,047 others" holds for one
 *   engine only: what the kernel frees late for the old container (a chain of unix sockets in
 *   flight holding message queues: half a minute, inflight-outlives-error.test.ts) then reaches
 *   the new tenant. `test.fails` under runc; it becomes the invariant the day a freed uid is kept
 *   out of every engine's hands for a while.
 * Each test sets the random start of the engines it creates (node:crypto's randomInt, mocked
 * here) to the state that arises by itself in a long-running deployment. Under gVisor each
 * sandbox has a kernel of its own, so even a shared uid would share no count.
 */
const start = vi.hoisted(() => ({ next: 0 }));
vi.mock("node:crypto", async (importOriginal) => {
  const crypto = await importOriginal<typeof import("node:crypto")>();
  return { ...crypto, randomInt: () => start.next };
});
/** A random place in the range (so that runs one after another don't meet what the last left). */
const anywhere = () => Math.floor(Math.random() * (SANDBOX_UIDS.last - SANDBOX_UIDS.first + 1));

/** Engines made with `start.next` as their uid picker's start; all closed after `body`. */
async function withEngines(
  body: (make: (languages: string[]) => TestEngine) => Promise<void>,
): Promise<void> {
  const baseline = sandboxUserProcesses().filter((process) => process.container === null);
  const engines: TestEngine[] = [];
  const make = (languages: string[]) => {
    const engine = testEngine({ languages, pool: { min: 1, max: 1 } });
    engines.push(engine);
    return engine;
  };
  try {
    await body(make);
  } finally {
    await Promise.all(engines.map((engine) => engine.close()));
  }
  expect(hostEscapees(baseline)).toEqual([]);
}

async function uidsOf(engine: TestEngine): Promise<number[]> {
  return (await containersOf(engine.id)).map((info) => Number(info.Labels[LABEL_SANDBOX_UID]));
}

test("two engines whose cursors meet: distinct uids, and a run beside an inotify hoard of the other engine gets its instances", async () => {
  await withEngines(async (make) => {
    start.next = anywhere();
    const [hoarding, beside] = [make(["c"]), make(["python"])];
    await Promise.all([hoarding.warmup(), beside.warmup()]);
    const [hoarded, neighbour] = await Promise.all([
      attackWith(hoarding, "inotify-hoard.c", { limits: { timeMs: 15_000 } }),
      attackWith(beside, "inotify-neighbour.py", { limits: { timeMs: 10_000 } }),
    ]);
    expect(hoarded.status, hoarded.describe).toBe("ok");
    expect(neighbour.status, neighbour.describe).toBe("ok");
    const uids = [...(await uidsOf(hoarding)), ...(await uidsOf(beside))];
    expect(uids).toHaveLength(2);
    expect({
      distinctUids: new Set(uids).size === 2,
      // the kernel's word: EMFILE ("Too many open files") when the hoarder took the uid's instances
      neighbourInotify: report(neighbour.run?.stdout).inotify,
    }).toEqual({ distinctUids: true, neighbourInotify: "ok" });
  });
});

(UNDER_GVISOR ? test : test.fails)(
  "a uid whose message queue space the kernel still holds for a gone container goes to no other engine",
  async () => {
    await withEngines(async (make) => {
      start.next = anywhere();
      const first = make(["c"]);
      const shapes = async (engine: TestEngine, args: string[]) => {
        const result = await attackWith(engine, "inflight-shapes.c", { args }, [
          "identity.h",
          "inflight.h",
        ]);
        expect(result.status, result.describe).toBe("ok");
        return report(result.run?.stdout);
      };
      const baseline = await shapes(first, ["look"]);
      const [given] = await uidsOf(first);
      const planted = await shapes(first, ["deep", "2000", "+mqueues"]);
      expect(planted.planted).toBe("yes");
      // the WIPE gave the planting container up; wait until Docker removed it
      await expect
        .poll(
          async () =>
            (
              await docker.listContainers({
                all: true,
                filters: { label: [`${LABEL_SANDBOX_UID}=${given}`] },
              })
            ).length,
          { timeout: 10_000, interval: 100 },
        )
        .toBe(0);
      // another engine whose cursor stands at the freed uid (here: one started there)
      start.next = (given ?? 0) - SANDBOX_UIDS.first;
      const second = make(["c"]);
      await second.warmup();
      const next = await shapes(second, ["look"]);
      expect(containerOf(next)).not.toBe(containerOf(planted));
      expect(await uidsOf(second)).toEqual([given]);
      expect(next.mqueues, "queues the next tenant could make").toBe(baseline.mqueues);
    });
  },
);
