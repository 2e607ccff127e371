import { describe, expect, it } from "vitest";
import type { Logger } from "../engine/engine-types.js";
import { EngineError } from "../errors/engine-errors.js";
import { encodeFrame, FrameDecoder, FrameType } from "../protocol/frames.js";
import type { ContainerChannel, ContainerRuntime } from "../sandbox/container-runtime.js";
import { AdmissionQueue } from "./admission-queue.js";
import { SandboxPool } from "./sandbox-pool.js";

const silent: Logger = {
  child: () => silent,
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};

/**
 * A runtime whose "supervisors" say hello and answer WIPE with CLEAN, or with ERROR (what the
 * real supervisor says when it can't prove the container empty: its task count didn't come
 * down or couldn't be read) while `wipeFails` is set.
 */
function scriptedRuntime() {
  let started = 0;
  const removed: string[] = [];
  const state = { wipeFails: false };
  const runtime: ContainerRuntime = {
    ping: async () => {},
    checkRuntime: async () => {},
    imageExists: async () => true,
    readImageFile: async () => "1.0",
    update: async () => {},
    diedOfOom: async () => false,
    hostMemoryBytes: async () => 24 * 1024 ** 3,
    prepareNetwork: async () => {},
    list: async () => [],
    remove: async (id) => {
      removed.push(id);
    },
    start: async () => {
      const id = `sandbox-${++started}`;
      let toEngine: (data: Buffer) => void = () => {};
      const decoder = new FrameDecoder();
      const channel: ContainerChannel = {
        write: (data) => {
          for (const frame of decoder.push(data)) {
            if (frame.type !== FrameType.Wipe) continue;
            const answer = state.wipeFails
              ? encodeFrame(FrameType.Error, Buffer.from("3 tasks of the job survive SIGKILL"))
              : encodeFrame(FrameType.Clean);
            setImmediate(() => toEngine(answer));
          }
          return true;
        },
        drained: () => Promise.resolve(),
        onData: (listener) => {
          toEngine = listener;
          setImmediate(() => listener(encodeFrame(FrameType.Hello, Buffer.from("1.0"))));
        },
        onDiagnostics: () => {},
        onClose: () => {},
        close: () => {},
      };
      return { id, channel };
    },
  };
  return { runtime, removed, state, started: () => started };
}

const resources = { memoryMb: 128, cpus: 1, processes: 64, network: false };

function pool(
  runtime: ContainerRuntime,
  admission = new AdmissionQueue({ maxActive: 16, maxWaiting: 64 }),
) {
  return new SandboxPool({
    language: "c",
    image: "warmbox/c:test",
    resources,
    labels: {},
    sandboxRuntime: "runc",
    min: 1,
    max: 1,
    idleTimeoutMs: 60_000,
    admission,
    runtime,
    logger: silent,
  });
}

describe("SandboxPool after a job", () => {
  it("keeps a sandbox whose wipe is proven clean", async () => {
    const { runtime, removed } = scriptedRuntime();
    const sandboxes = pool(runtime);
    await sandboxes.warmup();
    const first = await sandboxes.acquire({ resources });
    await sandboxes.release(first, true);
    const second = await sandboxes.acquire({ resources });
    expect(second.id).toBe(first.id);
    expect(removed).toEqual([]);
    await sandboxes.release(second, false);
    await sandboxes.close();
  });

  it("destroys and replaces a sandbox whose supervisor can't prove the wipe (ERROR)", async () => {
    const { runtime, removed, state, started } = scriptedRuntime();
    const sandboxes = pool(runtime);
    await sandboxes.warmup();
    const first = await sandboxes.acquire({ resources });
    state.wipeFails = true;
    await sandboxes.release(first, true);
    expect(removed).toEqual([first.id]);
    expect(first.state).toBe("destroyed");
    state.wipeFails = false;
    const second = await sandboxes.acquire({ resources });
    expect(second.id).not.toBe(first.id);
    expect(started()).toBe(2);
    await sandboxes.release(second, false);
    await sandboxes.close();
  });
});

describe("SandboxPool admission", () => {
  it("leases at most max sandboxes; the next request gets the one released", async () => {
    const { runtime, started } = scriptedRuntime();
    const sandboxes = pool(runtime);
    await sandboxes.warmup();
    const first = await sandboxes.acquire({ resources });
    const second = sandboxes.acquire({ resources });
    expect(sandboxes.stats()).toMatchObject({ busy: 1, waiting: 1 });
    await sandboxes.release(first, true);
    expect((await second).id).toBe(first.id);
    expect(started()).toBe(1);
    await sandboxes.release(await second, false);
    await sandboxes.close();
  });

  it("an aborted queued request frees its place at once, so the next one is not refused", async () => {
    const { runtime } = scriptedRuntime();
    const admission = new AdmissionQueue({ maxActive: 16, maxWaiting: 1 });
    const sandboxes = pool(runtime, admission);
    await sandboxes.warmup();
    const holder = await sandboxes.acquire({ resources });
    const controller = new AbortController();
    const aborted = sandboxes.acquire({ resources, signal: controller.signal });
    expect(sandboxes.stats().waiting).toBe(1);
    const refused = await sandboxes.acquire({ resources }).catch((error: unknown) => error);
    expect(EngineError.isInstance(refused) && refused.code).toBe("overloaded");

    controller.abort();
    // At once: the holder has not given its sandbox back.
    expect(sandboxes.stats().waiting).toBe(0);
    expect(admission.waiting).toBe(0);
    const abortError = await aborted.catch((error: unknown) => error);
    expect(EngineError.isInstance(abortError) && abortError.code).toBe("aborted");
    const next = sandboxes.acquire({ resources });
    expect(sandboxes.stats().waiting).toBe(1);

    await sandboxes.release(holder, true);
    expect((await next).id).toBe(holder.id);
    await sandboxes.release(await next, false);
    await sandboxes.close();
  });

  it("close() serves the requests already waiting, refuses new ones, then removes every sandbox", async () => {
    const { runtime, removed } = scriptedRuntime();
    const sandboxes = pool(runtime);
    await sandboxes.warmup();
    const holder = await sandboxes.acquire({ resources });
    const waiting = sandboxes.acquire({ resources });
    const closed = sandboxes.close();
    const refused = await sandboxes.acquire({ resources }).catch((error: unknown) => error);
    expect(EngineError.isInstance(refused) && refused.code).toBe("engine_closed");
    await sandboxes.release(holder, true);
    // The waiting request gets the wiped sandbox: the pool is not torn down under it.
    const served = await waiting;
    expect(served.id).toBe(holder.id);
    expect(removed).toEqual([]);
    await sandboxes.release(served, true);
    await closed;
    expect(removed).toEqual([holder.id]);
  });
});
