/**
 * The wire format between the engine and the in-container supervisor
 * (images/runner-base/supervisor/PROTOCOL.md): `u32le length | u8 type | payload`,
 * where length counts the type byte and the payload. Its constants mirror the supervisor's
 * protocol.h; protocol-constants.test.ts checks that the two sides agree.
 */

/** The type byte of a frame (`enum frame_type` of protocol.h): an ASCII letter each. */
export const FrameType = {
  // engine → supervisor
  File: 0x46, // F
  Run: 0x52, // R
  Stdin: 0x49, // I
  StdinEnd: 0x69, // i
  Kill: 0x4b, // K
  Wipe: 0x57, // W
  Collect: 0x47, // G
  // supervisor → engine
  Hello: 0x48, // H
  Stdout: 0x4f, // O
  Stderr: 0x45, // E
  Exit: 0x58, // X
  Clean: 0x43, // C
  CollectedFile: 0x66, // f
  CollectedData: 0x64, // d
  CollectEnd: 0x67, // g
  Error: 0x5a, // Z
} as const;

/** Largest frame either side accepts (a FILE frame carries a whole source file): MAX_FRAME. */
export const MAX_FRAME_BYTES = 64 * 1024 * 1024;

/** Largest STDOUT, STDERR and COLLECTED_DATA payload the supervisor sends: CHUNK. */
export const CHUNK_BYTES = 64 * 1024;

/**
 * Largest frame the engine accepts from a supervisor. The supervisor's biggest frame is an
 * output chunk of CHUNK_BYTES; the rest is headroom. A longer length field is a protocol error, so a
 * misbehaving supervisor can never make the engine hold more than this for one frame.
 */
export const MAX_SUPERVISOR_FRAME_BYTES = 256 * 1024;

export interface Frame {
  type: number;
  payload: Buffer;
}

export function encodeFrame(type: number, payload: Buffer = Buffer.alloc(0)): Buffer {
  const header = Buffer.alloc(5);
  header.writeUInt32LE(payload.length + 1, 0);
  header.writeUInt8(type, 4);
  return Buffer.concat([header, payload]);
}

/** Splits a byte stream into frames; throws on a frame that breaks the format. */
export class FrameDecoder {
  #buffered: Buffer[] = [];
  #length = 0;

  /** @param maxFrameBytes longest length field accepted; a longer one throws at once. */
  constructor(private readonly maxFrameBytes = MAX_FRAME_BYTES) {}

  push(chunk: Buffer): Frame[] {
    this.#buffered.push(chunk);
    this.#length += chunk.length;
    const frames: Frame[] = [];
    let data = this.#buffered.length === 1 ? chunk : Buffer.concat(this.#buffered, this.#length);
    while (data.length >= 5) {
      const length = data.readUInt32LE(0);
      if (length < 1 || length > this.maxFrameBytes) throw new Error(`bad frame length ${length}`);
      if (data.length < 4 + length) break;
      frames.push({ type: data.readUInt8(4), payload: data.subarray(5, 4 + length) });
      data = data.subarray(4 + length);
    }
    this.#buffered = data.length > 0 ? [data] : [];
    this.#length = data.length;
    return frames;
  }
}
