import { describe, expect, it } from "vitest";
import { encodeFrame, FrameDecoder, FrameType } from "./frames.js";
import { ExitFlag, parseExit, runFrame } from "./messages.js";

describe("frames", () => {
  it("round-trips frames split at every byte boundary", () => {
    const wire = Buffer.concat([
      encodeFrame(FrameType.Stdout, Buffer.from("hello")),
      encodeFrame(FrameType.Clean),
      encodeFrame(FrameType.Stderr, Buffer.from("ünïcode")),
    ]);
    for (let split = 0; split <= wire.length; split++) {
      const decoder = new FrameDecoder();
      const frames = [
        ...decoder.push(wire.subarray(0, split)),
        ...decoder.push(wire.subarray(split)),
      ];
      expect(frames.map((f) => [f.type, f.payload.toString()])).toEqual([
        [FrameType.Stdout, "hello"],
        [FrameType.Clean, ""],
        [FrameType.Stderr, "ünïcode"],
      ]);
    }
  });

  it("rejects a frame length beyond the maximum", () => {
    const bad = Buffer.alloc(5);
    bad.writeUInt32LE(0xffffffff, 0);
    expect(() => new FrameDecoder().push(bad)).toThrow(/bad frame length/);
  });

  it("a decoder given a smaller maximum refuses a longer frame before buffering it", () => {
    const header = Buffer.alloc(5);
    header.writeUInt32LE(1_025, 0);
    expect(() => new FrameDecoder(1_024).push(header)).toThrow(/bad frame length 1025/);
    expect(
      new FrameDecoder(1_024).push(encodeFrame(FrameType.Stdout, Buffer.alloc(1_023))),
    ).toHaveLength(1);
  });

  it("lays out a run frame as the supervisor reads it", () => {
    const frame = runFrame({
      argv: ["python3", "./main.py"],
      env: { HOME: "/box" },
      timeMs: 1000,
      cpuMs: 900,
      outputBytes: 65536,
      fileSizeBytes: 1024,
      streamedStdin: true,
      template: true,
    });
    const payload = frame.subarray(5);
    expect(frame.readUInt8(4)).toBe(FrameType.Run);
    expect(payload.readUInt32LE(0)).toBe(1000);
    expect(payload.readUInt32LE(4)).toBe(900);
    expect(payload.readBigUInt64LE(8)).toBe(65536n);
    expect(payload.readBigUInt64LE(16)).toBe(1024n);
    expect(payload.readUInt32LE(24)).toBe(3);
    expect(payload.readUInt16LE(28)).toBe(2);
    expect(payload.readUInt16LE(30)).toBe(1);
    expect(payload.subarray(32).toString()).toBe("python3\0./main.py\0HOME=/box\0");
  });

  it("parses an exit frame", () => {
    const payload = Buffer.alloc(28);
    payload.writeInt32LE(-1, 0);
    payload.writeInt32LE(9, 4);
    payload.writeUInt32LE(120, 8);
    payload.writeUInt32LE(80, 12);
    payload.writeBigUInt64LE(5_000_000n, 16);
    payload.writeUInt32LE(1 | 8, 24);
    expect(parseExit(payload)).toMatchObject({
      exitCode: null,
      signal: 9,
      wallMs: 120,
      cpuMs: 80,
      memoryBytes: 5_000_000,
      wallTimeout: true,
      outOfMemory: true,
      cpuTimeout: false,
    });
  });

  it("reads each EXIT flag into its own field", () => {
    const fields = {
      WallTimeout: "wallTimeout",
      CpuTimeout: "cpuTimeout",
      OutputLimit: "outputLimit",
      OutOfMemory: "outOfMemory",
      Killed: "killed",
      ExecFailed: "execFailed",
    } as const satisfies Record<keyof typeof ExitFlag, string>;
    for (const [flag, field] of Object.entries(fields)) {
      const payload = Buffer.alloc(28);
      payload.writeUInt32LE(ExitFlag[flag as keyof typeof ExitFlag], 24);
      const set = Object.values(fields).filter((name) => parseExit(payload)[name]);
      expect(set).toEqual([field]);
    }
  });
});
