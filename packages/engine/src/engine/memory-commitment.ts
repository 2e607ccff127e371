import { MemoryOvercommitError } from "../errors/engine-errors.js";
import type { ContainerRuntime } from "../sandbox/container-runtime.js";
import type { Logger } from "./engine-types.js";

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

/**
 * Refuses with MemoryOvercommitError, or warns, when `pools` could take more memory than the
 * Docker host has (see memoryVerdict). Warns and passes when the daemon reports no memory.
 */
export async function checkMemoryCommitment(
  pools: PoolMemory[],
  maxSandboxes: number,
  runtime: Pick<ContainerRuntime, "hostMemoryBytes">,
  logger: Logger,
): Promise<void> {
  const committed = committedMemoryBytes(pools, maxSandboxes);
  const host = await runtime.hostMemoryBytes();
  if (host <= 0) {
    logger.warn(
      { committedBytes: committed },
      "the Docker daemon does not report its host's memory; the sandboxes' total is unchecked",
    );
    return;
  }
  const verdict = memoryVerdict(committed, host);
  if (verdict === "refuse") throw new MemoryOvercommitError(committed, host);
  if (verdict === "warn") {
    logger.warn(
      { committedBytes: committed, hostBytes: host },
      "the sandboxes may use more than 80 % of the Docker host's memory",
    );
  }
}
