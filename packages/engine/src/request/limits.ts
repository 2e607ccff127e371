import { z } from "zod";

/**
 * Limits of one stage (compile or run). Memory, CPUs and processes are enforced by the
 * container's cgroup; time, CPU time, output and file size by the in-container supervisor.
 */
export const limitsSchema = z
  .object({
    /** Wall-clock limit of the stage, in milliseconds. */
    timeMs: z.number().int().positive(),
    /** CPU-time limit of the stage (all its processes together), in milliseconds. */
    cpuMs: z.number().int().positive(),
    /** Memory limit (RSS + page cache + tmpfs) of the sandbox, in MiB. */
    memoryMb: z.number().int().min(16),
    /**
     * CPU share of the sandbox, in CPUs (fractions allowed). At least 0.01: Docker refuses
     * less, and a request must never turn into an engine fault (internal_error).
     */
    cpus: z.number().min(0.01).max(64),
    /** Maximum number of processes and threads of the sandbox, from 8 to 32768 (Linux's default pid_max). */
    processes: z.number().int().min(8).max(32_768),
    /** Cap on stdout and on stderr, each; past it the program is stopped. */
    outputBytes: z.number().int().min(1024),
    /** Largest file the program may write. */
    fileSizeBytes: z.number().int().min(1024),
    /** Network access; off unless the operator allows it. */
    network: z.boolean(),
  })
  .strict();

/** Every limit of a stage, resolved. */
export type Limits = z.infer<typeof limitsSchema>;

/** Limits as a request gives them: every field optional. */
export const partialLimitsSchema = limitsSchema.partial().strict();
export type PartialLimits = z.infer<typeof partialLimitsSchema>;

/**
 * The run-stage defaults of a language that sets none.
 * Small enough that a 2-core machine holds dozens of warm sandboxes.
 */
export const DEFAULT_RUN_LIMITS: Limits = {
  timeMs: 5_000,
  cpuMs: 5_000,
  memoryMb: 256,
  cpus: 1,
  processes: 64,
  outputBytes: 65_536,
  fileSizeBytes: 1_048_576,
  network: false,
};

/**
 * The compile-stage defaults: compilers need more time and write larger files (binaries,
 * class files); memory, CPUs and processes stay those of the run stage so that one container
 * serves both stages without changing its cgroup.
 */
export const DEFAULT_COMPILE_LIMITS: Limits = {
  ...DEFAULT_RUN_LIMITS,
  timeMs: 15_000,
  cpuMs: 15_000,
  fileSizeBytes: 64 * 1_048_576,
};

/**
 * The operator's ceiling on what a request may ask for. A request above it is rejected with
 * LimitExceededError, never clamped.
 */
export const DEFAULT_MAX_LIMITS: Limits = {
  timeMs: 30_000,
  cpuMs: 30_000,
  memoryMb: 2_048,
  cpus: 2,
  processes: 256,
  // The engine buffers a run's output until the run ends (both streams, both stages): 1 MiB a
  // stream keeps a full pool's buffers small. `maxLimits.outputBytes` raises it.
  outputBytes: 1_048_576,
  fileSizeBytes: 256 * 1_048_576,
  network: false,
};

/** The most output a job may make the engine buffer: both streams of both stages at their cap. */
export function bufferedOutputBytes(run: Limits, compile: Limits | undefined): number {
  return 2 * run.outputBytes + (compile ? 2 * compile.outputBytes : 0);
}

/** The fields of Limits that Docker enforces on the whole container. */
export type ContainerResources = Pick<Limits, "memoryMb" | "cpus" | "processes" | "network">;

export function containerResourcesOf(limits: Limits): ContainerResources {
  return {
    memoryMb: limits.memoryMb,
    cpus: limits.cpus,
    processes: limits.processes,
    network: limits.network,
  };
}

export function sameResources(a: ContainerResources, b: ContainerResources): boolean {
  return (
    a.memoryMb === b.memoryMb &&
    a.cpus === b.cpus &&
    a.processes === b.processes &&
    a.network === b.network
  );
}
