import { CHUNK_BYTES, encodeFrame, type Frame, FrameType } from "./frames.js";

/**
 * Bounds of one COLLECT's answer (COLLECT_MAX_* of protocol.h). Past one the supervisor refuses
 * before sending any file; the engine holds the supervisor to them too.
 */
export const COLLECT_MAX_BYTES = 32 * 1_048_576;
export const COLLECT_MAX_ENTRIES = 10_000;
export const COLLECT_MAX_PATH = 1_024;

/** The `outcome` field of COLLECT_END (`enum collect_outcome` of protocol.h). */
export const CollectOutcome = {
  Done: 0,
  TooManyBytes: 1,
  TooManyEntries: 2,
  PathTooLong: 3,
} as const;

/** Why the supervisor refused a COLLECT: which bound the work directory passed. */
export type CollectRefusal = "too_many_bytes" | "too_many_entries" | "path_too_long";

const REFUSALS: Record<number, CollectRefusal> = {
  [CollectOutcome.TooManyBytes]: "too_many_bytes",
  [CollectOutcome.TooManyEntries]: "too_many_entries",
  [CollectOutcome.PathTooLong]: "path_too_long",
};

/** One regular file of the work directory, its name as the supervisor sent it: any bytes. */
export interface CollectedEntry {
  name: Buffer;
  /** Its permission bits (0777). */
  mode: number;
  content: Buffer;
}

/** A COLLECT's answer: every regular file, or a refusal with what the walk counted. */
export type CollectAnswer =
  | { outcome: "done"; files: CollectedEntry[] }
  | { outcome: CollectRefusal; entries: number; files: number; bytes: number };

export const collectFrame = () => encodeFrame(FrameType.Collect);

/** COLLECTED_FILE: u32 mode, u64 size, name. */
const FILE_HEAD_BYTES = 12;
/** COLLECT_END: u32 outcome, u32 entries, u32 files, u64 bytes. */
const END_BYTES = 20;

/**
 * Puts a COLLECT's answer together frame by frame, holding the supervisor to the protocol:
 * sizes as announced, chunks of at most CHUNK_BYTES, the bounds, counts that match. Memory is
 * bounded by COLLECT_MAX_BYTES whatever the supervisor sends. A frame that breaks a rule throws.
 */
export class CollectAnswerReader {
  readonly #files: CollectedEntry[] = [];
  /** Bytes of the last file's content received so far. */
  #filled = 0;
  /** Bytes announced by every COLLECTED_FILE so far. */
  #announced = 0;

  /** Takes the answer's next frame; the whole answer once COLLECT_END came. */
  push(frame: Frame): CollectAnswer | undefined {
    const { type, payload } = frame;
    if (type === FrameType.CollectedFile) {
      this.#file(payload);
      return undefined;
    }
    if (type === FrameType.CollectedData) {
      this.#data(payload);
      return undefined;
    }
    if (type === FrameType.CollectEnd) return this.#end(payload);
    throw new Error(`unexpected frame ${String.fromCharCode(type)} in a COLLECT's answer`);
  }

  get #current(): CollectedEntry | undefined {
    return this.#files.at(-1);
  }

  #assertLastComplete(): void {
    const last = this.#current;
    if (last && this.#filled !== last.content.length) {
      throw new Error(`collected file ended after ${this.#filled} of ${last.content.length} bytes`);
    }
  }

  #file(payload: Buffer): void {
    this.#assertLastComplete();
    if (payload.length <= FILE_HEAD_BYTES) throw new Error("COLLECTED_FILE without a name");
    const name = payload.subarray(FILE_HEAD_BYTES);
    if (name.length > COLLECT_MAX_PATH) throw new Error("COLLECTED_FILE name past the bound");
    if (this.#files.length >= COLLECT_MAX_ENTRIES)
      throw new Error("more collected files than the bound");
    const size = payload.readBigUInt64LE(4);
    if (size > BigInt(COLLECT_MAX_BYTES - this.#announced)) {
      throw new Error("collected files past the byte bound");
    }
    this.#announced += Number(size);
    this.#files.push({
      name: Buffer.from(name),
      mode: payload.readUInt32LE(0) & 0o777,
      content: Buffer.alloc(Number(size)),
    });
    this.#filled = 0;
  }

  #data(payload: Buffer): void {
    const current = this.#current;
    if (!current) throw new Error("COLLECTED_DATA before any COLLECTED_FILE");
    if (payload.length === 0 || payload.length > CHUNK_BYTES) {
      throw new Error(`COLLECTED_DATA of ${payload.length} bytes`);
    }
    if (this.#filled + payload.length > current.content.length) {
      throw new Error("COLLECTED_DATA past the file's size");
    }
    this.#filled += payload.copy(current.content, this.#filled);
  }

  #end(payload: Buffer): CollectAnswer {
    this.#assertLastComplete();
    if (payload.length !== END_BYTES) throw new Error(`COLLECT_END of ${payload.length} bytes`);
    const outcome = payload.readUInt32LE(0);
    const entries = payload.readUInt32LE(4);
    const files = payload.readUInt32LE(8);
    const bytes = Number(payload.readBigUInt64LE(12));
    if (outcome === CollectOutcome.Done) {
      if (files !== this.#files.length || bytes !== this.#announced) {
        throw new Error(
          `COLLECT_END counts ${files} files of ${bytes} bytes; ${this.#files.length} of ` +
            `${this.#announced} came`,
        );
      }
      return { outcome: "done", files: this.#files };
    }
    const refusal = REFUSALS[outcome];
    if (!refusal) throw new Error(`COLLECT_END with unknown outcome ${outcome}`);
    if (this.#files.length > 0) throw new Error("a refused COLLECT sent files");
    return { outcome: refusal, entries, files, bytes };
  }
}
