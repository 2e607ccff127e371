/**
 * One stream of a stage's output (stdout or stderr), kept by the engine up to a cap it counts
 * itself: the supervisor enforces `outputBytes` too, but the host never relies on it for its own
 * memory. Chunks are copied into one buffer, so a flood of tiny frames costs no more than their
 * bytes (no per-chunk objects, no parent buffers kept alive by slices).
 */
export class CappedOutput {
  #data: Buffer = Buffer.alloc(0);
  #length = 0;
  #overflowed = false;

  constructor(readonly capBytes: number) {}

  /** Bytes kept so far (never more than the cap). */
  get length(): number {
    return this.#length;
  }

  /** True once a chunk did not fit: more output came than the cap allows. */
  get overflowed(): boolean {
    return this.#overflowed;
  }

  /** Keeps what fits of `chunk` and returns that part (empty once the cap is reached). */
  add(chunk: Buffer): Buffer {
    const room = this.capBytes - this.#length;
    const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
    if (kept.length < chunk.length) this.#overflowed = true;
    if (kept.length === 0) return kept;
    const needed = this.#length + kept.length;
    if (needed > this.#data.length) {
      // Doubling keeps copies linear; the cap bounds the buffer.
      const grown = Buffer.allocUnsafe(
        Math.min(this.capBytes, Math.max(needed, this.#data.length * 2, 4_096)),
      );
      this.#data.copy(grown, 0, 0, this.#length);
      this.#data = grown;
    }
    kept.copy(this.#data, this.#length);
    this.#length = needed;
    return kept;
  }

  /** Everything kept, as one buffer. */
  toBuffer(): Buffer {
    return this.#data.subarray(0, this.#length);
  }
}
