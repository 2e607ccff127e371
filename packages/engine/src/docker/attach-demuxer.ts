/**
 * Largest attach frame accepted. Docker cuts a container's output into frames of at most its
 * copy buffer (32 KiB today); a bigger size field means the stream is corrupt, and waiting for
 * it would let the container make the engine buffer up to 4 GiB.
 */
export const MAX_ATTACH_FRAME_BYTES = 1_048_576;

/**
 * Splits Docker's multiplexed attach stream (no TTY): frames of
 * `u8 stream (1 stdout, 2 stderr) | 3 zero bytes | u32be size | payload`.
 * `push` throws on a frame above MAX_ATTACH_FRAME_BYTES; the stream is then unusable.
 */
export class AttachDemuxer {
  #pending: Buffer = Buffer.alloc(0);

  constructor(
    private readonly onStdout: (data: Buffer) => void,
    private readonly onStderr: (data: Buffer) => void,
  ) {}

  push(chunk: Buffer): void {
    let data = this.#pending.length > 0 ? Buffer.concat([this.#pending, chunk]) : chunk;
    while (data.length >= 8) {
      const size = data.readUInt32BE(4);
      if (size > MAX_ATTACH_FRAME_BYTES)
        throw new Error(`attach frame of ${size} bytes, above ${MAX_ATTACH_FRAME_BYTES}`);
      if (data.length < 8 + size) break;
      const payload = data.subarray(8, 8 + size);
      if (data[0] === 2) this.onStderr(payload);
      else this.onStdout(payload);
      data = data.subarray(8 + size);
    }
    this.#pending = data;
  }
}
