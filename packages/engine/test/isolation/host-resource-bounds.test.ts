import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect } from "vitest";
import type { ExecuteResult } from "../../src/request/execute-result.js";
import { STAGE_GRACE_MS } from "../../src/sandbox/sandbox.js";
import { containersOf, type TestEngine } from "../helpers/test-engine.js";
import { programText } from "./isolation-helpers.js";
import { isolationTest } from "./isolation-test.js";

/**
 * The host never trusts the sandbox for its own memory and time. The real supervisor keeps its
 * promises (output cap, wall limit); here a root process started in the container with
 * `docker exec` breaks them on its behalf, as a compromised supervisor would: it forges frames
 * on the supervisor's stdout (the engine's end of the protocol) and stops the supervisor.
 */
const run = promisify(execFile);
const MIB = 1_048_576;

/** programs/frame-forger.py: run as root in the container, forges frames on its stdout. */
const FORGER = programText("frame-forger.py");

function forge(
  container: string,
  options: { stop: boolean; kind: "O" | "E"; size: number; count: number; pauseS: number },
): Promise<unknown> {
  const { stop, kind, size, count, pauseS } = options;
  // `docker exec` into a container being removed can outlive it (seen under gVisor): the
  // tests wait for what the engine does, never for the forger, and the CLI is killed at 60 s.
  return run(
    "docker",
    [
      "exec",
      "--user",
      "0:0",
      container,
      "python3",
      "-c",
      FORGER,
      stop ? "stop" : "run",
      kind,
      String(size),
      String(count),
      String(pauseS),
    ],
    { timeout: 60_000 },
  ).catch((error: unknown) => error); // ends with an error when the container is removed
}

/** The one container of a pool of max 1. */
async function onlyContainer(engineId: string): Promise<string> {
  const running = (await containersOf(engineId)).filter((info) => info.State === "running");
  expect(running).toHaveLength(1);
  return running[0]?.Id as string;
}

const test = isolationTest({ languages: ["python"], pool: { min: 1, max: 1 } });

/** Runs a program that prints "ready" and then sleeps; `whenReady` gets its container's id. */
async function runSleeper(
  engine: TestEngine,
  limits: { timeMs: number; outputBytes?: number },
  whenReady: (container: string) => void,
): Promise<ExecuteResult> {
  let ready = false;
  return engine.execute(
    {
      language: "python",
      source: "import time\nprint('ready', flush=True)\ntime.sleep(60)\n",
      limits,
    },
    {
      onStdout: (chunk) => {
        if (ready || !chunk.includes("ready")) return;
        ready = true;
        void onlyContainer(engine.id).then(whenReady);
      },
    },
  );
}

/** The next run works, in a new container (the pool of one holds its slot until the old is gone). */
async function expectReplaced(engine: TestEngine, oldContainer: string): Promise<void> {
  expect(oldContainer).not.toBe("");
  const next = await engine.execute({ language: "python", source: "print(6 * 7)" });
  expect(next.status).toBe("ok");
  expect(next.run?.stdout).toBe("42\n");
  const ids = (await containersOf(engine.id)).map((info) => info.Id);
  expect(ids).not.toContain(oldContainer);
}

describe("a supervisor that breaks its promises", () => {
  test("forged output past outputBytes: the engine keeps exactly the cap, output_limit, the container is replaced", async ({
    engine,
  }) => {
    let container = "";
    const result = await runSleeper(engine, { timeMs: 20_000, outputBytes: 65_536 }, (id) => {
      container = id;
      // 400 KB of forged stdout in 1000-byte frames, six times the cap.
      void forge(id, { stop: false, kind: "O", size: 1_000, count: 400, pauseS: 0 });
    });
    expect(result.status, result.message).toBe("output_limit");
    expect(result.run?.truncated).toBe(true);
    expect(Buffer.byteLength(result.run?.stdout ?? "")).toBe(65_536);
    expect(result.run?.stdout.startsWith("ready\n")).toBe(true);
    // Ended by the engine, long before the program's 20 s limit.
    expect(result.run?.wallMs).toBeLessThan(20_000);
    await expectReplaced(engine, container);
  });

  test("a stopped supervisor whose stdout keeps sending frames forever: timeout at timeMs + grace, the container is replaced", async ({
    engine,
  }) => {
    let container = "";
    // Room for `docker exec` to start on a loaded machine before the supervisor's own limit.
    const timeMs = 10_000;
    const result = await runSleeper(engine, { timeMs, outputBytes: MIB }, (id) => {
      container = id;
      // The supervisor can't enforce the wall limit any more; a frame every 100 ms would keep
      // resetting a deadline that counted from the last frame.
      void forge(id, { stop: true, kind: "E", size: 1, count: 0, pauseS: 0.1 });
    });
    expect(result.status, result.message).toBe("timeout");
    expect(result.message).toMatch(/time limit of 10000 ms/);
    expect(result.run?.signal).toBe("SIGKILL");
    expect(result.run?.stderr.length).toBeGreaterThan(5);
    expect(result.run?.wallMs).toBeGreaterThanOrEqual(timeMs + STAGE_GRACE_MS - 100);
    await expectReplaced(engine, container);
  });
});

describe("a supervisor that talks out of turn", () => {
  test("frames flooding in while the sandbox is idle: the sandbox is dropped, a new one serves", async ({
    engine,
  }) => {
    const container = await onlyContainer(engine.id);
    // 8 MB of stdout frames that no stage asked for.
    void forge(container, { stop: false, kind: "O", size: 4_000, count: 2_000, pauseS: 0 });
    await expect
      .poll(async () => (await containersOf(engine.id)).map((info) => info.Id), { timeout: 20_000 })
      .not.toContain(container);
    await expectReplaced(engine, container);
  });
});

describe("interactive stdin", () => {
  test("a fast producer feeding a program that never reads waits for the stream to drain", async ({
    engine,
  }) => {
    let pulled = 0;
    let stop = false;
    async function* flood(): AsyncIterable<string> {
      const chunk = "s".repeat(256 * 1_024);
      while (!stop) {
        pulled += chunk.length;
        yield chunk;
      }
    }
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    }, 20);
    try {
      const result = await engine.execute(
        {
          language: "python",
          source: "import time\ntime.sleep(3)\nprint('done')\n",
          limits: { timeMs: 5_000, memoryMb: 64 },
        },
        { stdin: flood() },
      );
      stop = true;
      // Whatever the supervisor made of it, the engine answered.
      expect(["ok", "memory_limit", "runtime_error"]).toContain(result.status);
    } finally {
      clearInterval(sampler);
    }
    // Without waiting for drain the producer is pulled as fast as the engine can copy (GiBs
    // in 3 s). With it, only what the pipes, Docker and the sandbox's 64 MiB take in.
    expect(pulled).toBeLessThan(192 * MIB);
    expect(rssPeak - rssBefore).toBeLessThan(256 * MIB);
  });
});
