/**
 * Chunks of interactive stdin as an AsyncIterable for `ExecuteOptions.stdin`: `push` as the
 * client types, `end` closes the program's stdin. Chunks pushed before anyone iterates wait.
 *
 * @example
 * ```ts
 * const stdin = new StdinQueue();
 * engine.execute(request, { stdin });
 * stdin.push("alice\n");
 * stdin.end();
 * ```
 */
export class StdinQueue implements AsyncIterable<string> {
  readonly #chunks: string[] = [];
  #bufferedBytes = 0;
  #ended = false;
  #wake: (() => void) | undefined;

  /** Queues a chunk; ignored after `end`. Returns false when it was ignored. */
  push(chunk: string): boolean {
    if (this.#ended) return false;
    this.#chunks.push(chunk);
    this.#bufferedBytes += Buffer.byteLength(chunk);
    this.#wake?.();
    return true;
  }

  /** Bytes pushed but not yet taken by the program (the server caps this per socket). */
  get bufferedBytes(): number {
    return this.#bufferedBytes;
  }

  /** Would `chunk` keep what waits for the program within `capacityBytes` (counted in UTF-8)? */
  fits(chunk: string, capacityBytes: number): boolean {
    return this.#bufferedBytes + Buffer.byteLength(chunk) <= capacityBytes;
  }

  /** Closes the stream: the program reads EOF once the queued chunks are consumed. Idempotent. */
  end(): void {
    this.#ended = true;
    this.#wake?.();
  }

  get ended(): boolean {
    return this.#ended;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<string> {
    while (true) {
      const chunk = this.#chunks.shift();
      if (chunk !== undefined) {
        this.#bufferedBytes -= Buffer.byteLength(chunk);
        yield chunk;
        continue;
      }
      if (this.#ended) return;
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
      this.#wake = undefined;
    }
  }
}
