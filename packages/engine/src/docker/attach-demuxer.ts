/**
 * Splits Docker's multiplexed attach stream (no TTY): frames of
 * `u8 stream (1 stdout, 2 stderr) | 3 zero bytes | u32be size | payload`.
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
      if (data.length < 8 + size) break;
      const payload = data.subarray(8, 8 + size);
      if (data[0] === 2) this.onStderr(payload);
      else this.onStdout(payload);
      data = data.subarray(8 + size);
    }
    this.#pending = data;
  }
}
