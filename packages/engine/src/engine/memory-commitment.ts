/** Above this share of the host's memory the engine warns at start. */
export const MEMORY_WARN_FRACTION = 0.8;
/** Above this share it refuses to start: the OOM killer would pick among host processes. */
export const MEMORY_REFUSE_FRACTION = 1;

const MIB = 1_048_576;

export interface PoolMemory {
  language: string;
  /** Most sandboxes of the language at once. */
  max: number;
  /** Memory limit of each, in MiB. */
  memoryMb: number;
}

/**
 * The most memory the sandboxes may hold at once, in bytes: every pool at its `max`, but no more
 * than `maxSandboxes` sandboxes in all, the hungriest languages first.
 */
export function committedMemoryBytes(pools: PoolMemory[], maxSandboxes: number): number {
  let left = maxSandboxes;
  let total = 0;
  for (const pool of [...pools].sort((a, b) => b.memoryMb - a.memoryMb)) {
    const count = Math.min(pool.max, left);
    total += count * pool.memoryMb * MIB;
    left -= count;
  }
  return total;
}

export type MemoryVerdict = "fits" | "warn" | "refuse";

/** The rule: refuse above MEMORY_REFUSE_FRACTION of the host, warn above MEMORY_WARN_FRACTION. */
export function memoryVerdict(committedBytes: number, hostBytes: number): MemoryVerdict {
  if (committedBytes > hostBytes * MEMORY_REFUSE_FRACTION) return "refuse";
  if (committedBytes > hostBytes * MEMORY_WARN_FRACTION) return "warn";
  return "fits";
}
