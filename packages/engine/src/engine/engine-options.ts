import { randomUUID } from "node:crypto";
import pino from "pino";
import { z } from "zod";
import { InvalidRequestError } from "../errors/engine-errors.js";
import type { LanguageRegistry } from "../languages/registry.js";
import {
  bufferedOutputBytes,
  DEFAULT_COMPILE_LIMITS,
  DEFAULT_MAX_LIMITS,
  DEFAULT_RUN_LIMITS,
  partialLimitsSchema,
} from "../request/limits.js";
import type { EngineOptions, Logger, PoolOptions } from "./engine-types.js";
import type { LimitPolicy } from "./resolve-request.js";

/** Sandboxes kept warm per language when idle: one, so the first request never waits for Docker. */
export const DEFAULT_POOL_MIN = 1;
/** Sandboxes per language at most: enough to keep 2 cores busy with short programs. */
export const DEFAULT_POOL_MAX = 4;
/** An idle sandbox above `min` lives this long: long enough to ride out a burst. */
export const DEFAULT_POOL_IDLE_TIMEOUT_MS = 60_000;
/** Requests that may wait for a sandbox before the engine says it is overloaded. */
export const DEFAULT_MAX_QUEUE = 64;
/**
 * Sandboxes running jobs at once across languages. Without it every language could fill its
 * pool at the same time (50 languages × 4); 16 × 256 MiB stays well inside a small host.
 */
export const DEFAULT_MAX_SANDBOXES = 16;
/**
 * Output all runs in flight may buffer together: 128 MiB holds 32 runs at the 1 MiB default
 * maximum on both streams of both stages, or hundreds at the 64 KiB default.
 */
export const DEFAULT_MAX_BUFFERED_OUTPUT_BYTES = 128 * 1_048_576;

const poolSchema = z
  .object({
    min: z.number().int().min(0).max(64).optional(),
    max: z.number().int().min(1).max(256).optional(),
    idleTimeoutMs: z.number().int().min(1_000).optional(),
  })
  .strict();

const optionsSchema = z
  .object({
    docker: z.unknown().optional(),
    languages: z.array(z.string()).min(1).optional(),
    pool: poolSchema
      .extend({ perLanguage: z.record(z.string(), poolSchema).optional() })
      .strict()
      .optional(),
    defaultLimits: partialLimitsSchema.optional(),
    defaultCompileLimits: partialLimitsSchema.optional(),
    maxLimits: partialLimitsSchema.optional(),
    maxQueue: z.number().int().min(0).optional(),
    maxSandboxes: z.number().int().min(1).optional(),
    maxBufferedOutputBytes: z.number().int().min(65_536).optional(),
    logger: z.unknown().optional(),
    exclusiveDaemon: z.boolean().optional(),
    sandboxNetwork: z.string().min(1).max(128).optional(),
    engineId: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,64}$/)
      .optional(),
  })
  .strict();

export interface ResolvedPoolOptions {
  min: number;
  max: number;
  idleTimeoutMs: number;
}

export interface ResolvedEngineOptions {
  languages: string[];
  pools: Map<string, ResolvedPoolOptions>;
  limits: LimitPolicy;
  maxQueue: number;
  /** Most jobs running at once across languages. */
  maxSandboxes: number;
  maxBufferedOutputBytes: number;
  logger: Logger;
  engineId: string;
  exclusiveDaemon: boolean;
}

function resolvePool(
  common: PoolOptions | undefined,
  own: PoolOptions | undefined,
): ResolvedPoolOptions {
  const max = own?.max ?? common?.max ?? DEFAULT_POOL_MAX;
  return {
    min: Math.min(own?.min ?? common?.min ?? DEFAULT_POOL_MIN, max),
    max,
    idleTimeoutMs: own?.idleTimeoutMs ?? common?.idleTimeoutMs ?? DEFAULT_POOL_IDLE_TIMEOUT_MS,
  };
}

/** Validates the options once and fills in every default. Throws InvalidRequestError naming the option. */
export function resolveEngineOptions(
  options: EngineOptions,
  registry: LanguageRegistry,
): ResolvedEngineOptions {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => ({
      path: issue.path.map(String).join("."),
      message: issue.message,
    }));
    throw new InvalidRequestError(
      `invalid engine options: ${details.map((d) => `${d.path}: ${d.message}`).join("; ")}`,
      details,
    );
  }
  const languages = (options.languages ?? registry.all.map((spec) => spec.id)).map((name) => {
    const spec = registry.find(name);
    if (!spec) {
      throw new InvalidRequestError(`invalid engine options: unknown language '${name}'`, [
        { path: "languages", message: `unknown language '${name}'` },
      ]);
    }
    return spec.id;
  });
  const unique = [...new Set(languages)];
  const max = { ...DEFAULT_MAX_LIMITS, ...options.maxLimits };
  const maxBufferedOutputBytes =
    options.maxBufferedOutputBytes ?? DEFAULT_MAX_BUFFERED_OUTPUT_BYTES;
  // Every run must fit the budget alone, or it would wait forever.
  if (maxBufferedOutputBytes < bufferedOutputBytes(max, max)) {
    const message = `must hold one run at maxLimits.outputBytes (${bufferedOutputBytes(max, max)} bytes: 2 streams × 2 stages)`;
    throw new InvalidRequestError(`invalid engine options: maxBufferedOutputBytes ${message}`, [
      { path: "maxBufferedOutputBytes", message },
    ]);
  }
  const pools = new Map(
    unique.map((id) => [id, resolvePool(options.pool, options.pool?.perLanguage?.[id])]),
  );
  return {
    languages: unique,
    pools,
    limits: {
      run: { ...DEFAULT_RUN_LIMITS, ...options.defaultLimits },
      compile: { ...DEFAULT_COMPILE_LIMITS, ...options.defaultCompileLimits },
      max,
    },
    maxQueue: options.maxQueue ?? DEFAULT_MAX_QUEUE,
    maxSandboxes: options.maxSandboxes ?? DEFAULT_MAX_SANDBOXES,
    maxBufferedOutputBytes,
    logger: (options.logger ?? pino({ level: "silent" })).child({ component: "warmbox-engine" }),
    engineId: options.engineId ?? randomUUID().slice(0, 12),
    exclusiveDaemon: options.exclusiveDaemon ?? false,
  };
}
