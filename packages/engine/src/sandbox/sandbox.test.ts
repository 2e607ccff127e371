import pino from "pino";
import { describe, expect, it } from "vitest";
import { CollectOutcome } from "../protocol/collect.js";
import {
  collectEndFrame,
  collectedDataFrame,
  collectedFileFrame,
} from "../protocol/collect-answer.fixture.js";
import {
  encodeFrame,
  type Frame,
  FrameType,
  MAX_SUPERVISOR_FRAME_BYTES,
} from "../protocol/frames.js";
import type { StageCommand } from "../protocol/messages.js";
import type { ContainerResources } from "../request/limits.js";
import { CollectRefusedError } from "./collected-files.js";
import type { ContainerChannel, ContainerRuntime } from "./container-runtime.js";
import { Sandbox, STAGE_GRACE_MS } from "./sandbox.js";

/**
 * A supervisor that misbehaves on purpose, behind a fake channel: these are the promises the
 * real supervisor keeps, which the engine must not rely on for its own memory and time.
 */
function fakeSupervisor() {
  let deliver: (data: Buffer) => void = () => {};
  let closeListener: (error?: Error) => void = () => {};
  const state = { closed: false, removed: false, updates: [] as ContainerResources[] };
  const channel: ContainerChannel = {
    write: () => true,
    drained: () => Promise.resolve(),
    onData: (listener) => {
      deliver = listener;
    },
    onDiagnostics: () => {},
    onClose: (listener) => {
      closeListener = listener;
    },
    close: () => {
      state.closed = true;
      closeListener();
    },
  };
  const runtime = {
    start: async () => {
      setImmediate(() => deliver(encodeFrame(FrameType.Hello, Buffer.from("fake 1"))));
      return { id: "fake", channel };
    },
    remove: async () => {
      state.removed = true;
    },
    update: async (_id: string, resources: ContainerResources) => {
      state.updates.push(resources);
    },
  } as unknown as ContainerRuntime;
  const resources = { memoryMb: 64, cpus: 1, processes: 8, network: false };
  const start = () =>
    Sandbox.start(
      runtime,
      { image: "fake", resources, labels: {}, runtime: "runc" },
      { language: "test", logger: pino({ level: "silent" }) },
    );
  return { start, send: (data: Buffer) => deliver(data), state };
}

const stage = (overrides: Partial<StageCommand> = {}): StageCommand => ({
  argv: ["run"],
  env: {},
  timeMs: 1_000,
  cpuMs: 1_000,
  outputBytes: 10_000,
  fileSizeBytes: 10_000,
  streamedStdin: false,
  template: false,
  ...overrides,
});

describe("Sandbox against a misbehaving supervisor", () => {
  it("keeps exactly outputBytes of a flood past the cap, then abandons the sandbox", async () => {
    const supervisor = fakeSupervisor();
    const sandbox = await supervisor.start();
    sandbox.lease();
    const streamed: Buffer[] = [];
    const running = sandbox.runStage(stage({ outputBytes: 10_000 }), {
      onStdout: (chunk) => streamed.push(chunk),
    });
    // 1000 forged frames of 1000 bytes: 100 × the cap, and never an exit.
    const frame = encodeFrame(FrameType.Stdout, Buffer.alloc(1_000, 65));
    for (let i = 0; i < 1_000; i++) supervisor.send(frame);
    const outcome = await running;
    expect(outcome.stdout.length).toBe(10_000);
    expect(Buffer.concat(streamed).length).toBe(10_000);
    expect(outcome.exit.outputLimit).toBe(true);
    expect(outcome.abandoned).toMatch(/more than 10000 bytes/);
    expect(sandbox.broken).toBe(true);
    expect(supervisor.state.closed).toBe(true);
  });

  it("ends a stage whose supervisor sends frames forever, at timeMs + grace from its start", async () => {
    const supervisor = fakeSupervisor();
    const sandbox = await supervisor.start();
    sandbox.lease();
    const ticker = setInterval(
      () => supervisor.send(encodeFrame(FrameType.Stderr, Buffer.from("."))),
      20,
    );
    const started = performance.now();
    try {
      const outcome = await sandbox.runStage(stage({ timeMs: 200, outputBytes: 1_000_000 }), {});
      const elapsed = performance.now() - started;
      expect(outcome.exit.wallTimeout).toBe(true);
      expect(outcome.abandoned).toMatch(/no exit within/);
      expect(outcome.stderr.length).toBeGreaterThan(10);
      // Frames kept coming every 20 ms: a deadline reset by each frame would never fire.
      expect(elapsed).toBeGreaterThanOrEqual(200 + STAGE_GRACE_MS - 50);
      expect(sandbox.broken).toBe(true);
    } finally {
      clearInterval(ticker);
    }
  }, 20_000);

  it("breaks the sandbox on a frame longer than the supervisor may send", async () => {
    const supervisor = fakeSupervisor();
    const sandbox = await supervisor.start();
    sandbox.lease();
    const running = sandbox.runStage(stage(), {});
    const header = Buffer.alloc(5);
    header.writeUInt32LE(MAX_SUPERVISOR_FRAME_BYTES + 1, 0);
    header.writeUInt8(FrameType.Stdout, 4);
    supervisor.send(header);
    await expect(running).rejects.toThrow(/bad frame length/);
    expect(sandbox.broken).toBe(true);
  });
});

describe("Sandbox.collectFiles against a forged answer", () => {
  const wire = (...frames: Frame[]) =>
    Buffer.concat(frames.map((frame) => encodeFrame(frame.type, frame.payload)));

  it("gives the files with their modes, and the sandbox stays usable", async () => {
    const supervisor = fakeSupervisor();
    const sandbox = await supervisor.start();
    sandbox.lease();
    const collecting = sandbox.collectFiles();
    supervisor.send(
      wire(
        collectedFileFrame("bin/main", 3, 0o755),
        collectedDataFrame("elf"),
        collectEndFrame(CollectOutcome.Done, 2, 1, 3),
      ),
    );
    expect(await collecting).toEqual([
      { name: "bin/main", mode: 0o755, content: Buffer.from("elf") },
    ]);
    expect(sandbox.broken).toBe(false);
  });

  it("refuses a name a request's file could not have, without breaking the sandbox", async () => {
    const supervisor = fakeSupervisor();
    const sandbox = await supervisor.start();
    sandbox.lease();
    const collecting = sandbox.collectFiles();
    supervisor.send(
      wire(
        collectedFileFrame("../../etc/cron.d/x", 0),
        collectEndFrame(CollectOutcome.Done, 1, 1, 0),
      ),
    );
    await expect(collecting).rejects.toThrow(CollectRefusedError);
    await expect(collecting).rejects.toThrow(/has a '\.\.' segment/);
    expect(sandbox.broken).toBe(false);
  });

  it("breaks the sandbox when the supervisor sends more than it announced", async () => {
    const supervisor = fakeSupervisor();
    const sandbox = await supervisor.start();
    sandbox.lease();
    const collecting = sandbox.collectFiles();
    supervisor.send(wire(collectedFileFrame("a", 1), collectedDataFrame("ab")));
    await expect(collecting).rejects.toThrow(/past the file's size/);
    expect(sandbox.broken).toBe(true);
  });

  it("won't collect while a stage runs, nor from a sandbox not leased", async () => {
    const supervisor = fakeSupervisor();
    const sandbox = await supervisor.start();
    await expect(sandbox.collectFiles()).rejects.toThrow(/idle sandbox/);
    sandbox.lease();
    const running = sandbox.runStage(stage(), {});
    await expect(sandbox.collectFiles()).rejects.toThrow(/while a stage runs/);
    supervisor.send(encodeFrame(FrameType.Exit, Buffer.alloc(28)));
    await running;
    expect(sandbox.broken).toBe(false);
  });
});

describe("Sandbox.resize", () => {
  it("updates the cgroup only when the limits change, and keeps the network it started with", async () => {
    const supervisor = fakeSupervisor();
    const sandbox = await supervisor.start();
    expect(sandbox.version).toBe("fake 1");
    await sandbox.resize({ ...sandbox.resources });
    expect(supervisor.state.updates).toEqual([]);
    await sandbox.resize({ memoryMb: 128, cpus: 0.5, processes: 16, network: true });
    const resized = { memoryMb: 128, cpus: 0.5, processes: 16, network: false };
    expect(supervisor.state.updates).toEqual([resized]);
    expect(sandbox.resources).toEqual(resized);
  });
});
