/** A supervisor's side of COLLECT, for tests of the engine's: frames as PROTOCOL.md lays them out. */
import { type Frame, FrameType } from "./frames.js";

export function collectedFileFrame(name: string, size: number, mode = 0o644): Frame {
  const head = Buffer.alloc(12);
  head.writeUInt32LE(mode, 0);
  head.writeBigUInt64LE(BigInt(size), 4);
  return { type: FrameType.CollectedFile, payload: Buffer.concat([head, Buffer.from(name)]) };
}

export function collectedDataFrame(bytes: Buffer | string): Frame {
  return { type: FrameType.CollectedData, payload: Buffer.from(bytes) };
}

export function collectEndFrame(
  outcome: number,
  entries: number,
  files: number,
  bytes: number,
): Frame {
  const payload = Buffer.alloc(20);
  payload.writeUInt32LE(outcome, 0);
  payload.writeUInt32LE(entries, 4);
  payload.writeUInt32LE(files, 8);
  payload.writeBigUInt64LE(BigInt(bytes), 12);
  return { type: FrameType.CollectEnd, payload };
}
