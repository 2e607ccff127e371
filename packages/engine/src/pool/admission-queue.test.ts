import { describe, expect, it } from "vitest";
import { EngineError } from "../errors/engine-errors.js";
import { AdmissionQueue } from "./admission-queue.js";

/** Whether a promise has settled once pending callbacks have run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  promise.then(
    () => {
      done = true;
    },
    () => {
      done = true;
    },
  );
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  return EngineError.isInstance(error) ? error.code : undefined;
}

describe("AdmissionQueue", () => {
  it("holds a lane to its max and admits the oldest waiter when a place comes back", async () => {
    const queue = new AdmissionQueue({ maxActive: 10, maxWaiting: 10 });
    const lane = queue.lane(1);
    const release = await lane.admit();
    const second = lane.admit();
    const third = lane.admit();
    expect(await settled(second)).toBe(false);
    expect({ active: lane.active, waiting: lane.waiting, queued: queue.waiting }).toEqual({
      active: 1,
      waiting: 2,
      queued: 2,
    });
    release();
    release(); // idempotent: gives back one place only
    const releaseSecond = await second;
    expect(await settled(third)).toBe(false);
    expect(lane.waiting).toBe(1);
    releaseSecond();
    (await third)();
    expect({ active: queue.active, waiting: queue.waiting }).toEqual({ active: 0, waiting: 0 });
  });

  it("holds every lane together to maxActive, and a full lane doesn't hold up another", async () => {
    const queue = new AdmissionQueue({ maxActive: 2, maxWaiting: 10 });
    const python = queue.lane(1);
    const c = queue.lane(2);
    const releasePython = await python.admit();
    const releaseC = await c.admit();
    const pythonWaiting = python.admit();
    const cWaiting = c.admit();
    expect(await settled(cWaiting)).toBe(false);
    // The engine's place that comes back goes to c: python's lane is still full.
    releaseC();
    expect(await settled(cWaiting)).toBe(true);
    expect(await settled(pythonWaiting)).toBe(false);
    releasePython();
    expect(await settled(pythonWaiting)).toBe(true);
  });

  it("refuses with OverloadedError past maxWaiting, and admits at once what fits", async () => {
    const queue = new AdmissionQueue({ maxActive: 2, maxWaiting: 1 });
    const python = queue.lane(1);
    const c = queue.lane(1);
    await python.admit();
    const waiting = python.admit();
    expect(await codeOf(python.admit())).toBe("overloaded");
    // A full queue refuses only requests that would have to wait.
    expect(await settled(c.admit())).toBe(true);
    expect(await settled(waiting)).toBe(false);
  });

  it("an aborted waiter leaves at once: its place, the counts and maxWaiting are free again", async () => {
    const queue = new AdmissionQueue({ maxActive: 4, maxWaiting: 1 });
    const lane = queue.lane(1);
    const release = await lane.admit();
    const controller = new AbortController();
    const aborted = lane.admit(controller.signal);
    expect(queue.waiting).toBe(1);
    controller.abort();
    // Synchronously, before the holder gives its place back.
    expect({ lane: lane.waiting, queue: queue.waiting }).toEqual({ lane: 0, queue: 0 });
    expect(await codeOf(aborted)).toBe("aborted");
    const next = lane.admit();
    expect(await settled(next)).toBe(false);
    release();
    expect(await settled(next)).toBe(true);
  });

  it("refuses an already aborted request without queueing it", async () => {
    const queue = new AdmissionQueue({ maxActive: 1, maxWaiting: 1 });
    expect(await codeOf(queue.lane(1).admit(AbortSignal.abort()))).toBe("aborted");
    expect(queue.active).toBe(0);
  });

  it("idle() resolves once the lane has no waiter and no place taken", async () => {
    const queue = new AdmissionQueue({ maxActive: 1, maxWaiting: 2 });
    const lane = queue.lane(1);
    expect(await settled(lane.idle())).toBe(true);
    const release = await lane.admit();
    const next = lane.admit();
    const idle = lane.idle();
    release();
    expect(await settled(idle)).toBe(false);
    (await next)();
    expect(await settled(idle)).toBe(true);
  });
});
