import { randomUUID } from "node:crypto";
import type Dockerode from "dockerode";
import pino from "pino";
import { z } from "zod";
import { InvalidRequestError } from "../errors/engine-errors.js";
import { languageKey } from "../languages/language-spec.js";
import type { LanguageRegistry } from "../languages/registry.js";
import {
  bufferedOutputBytes,
  DEFAULT_COMPILE_LIMITS,
  DEFAULT_MAX_LIMITS,
  DEFAULT_RUN_LIMITS,
  partialLimitsSchema,
} from "../request/limits.js";
import {
  DEFAULT_SANDBOX_RUNTIME,
  type SandboxRuntime,
  sandboxRuntimeSchema,
} from "../sandbox/sandbox-runtime.js";
import { parseOrThrow } from "../validation/field-issues.js";
import type { Logger } from "./engine-types.js";
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

/** Whether a value has every method the engine calls on its logger. */
function isLogger(value: unknown): value is Logger {
  const logger = value as Partial<Record<keyof Logger, unknown>> | null;
  return (
    typeof logger === "object" &&
    logger !== null &&
    (["child", "debug", "info", "warn", "error"] as const).every(
      (method) => typeof logger[method] === "function",
    )
  );
}

// Each schema below is declared with the type of its shape so that the published types keep
// every field's JSDoc (TypeScript drops it from an inferred `z.object(...)`).

const poolShape = {
  /**
   * Sandboxes kept warm even when idle; one above `max` is lowered to `max`. From 0 to 64.
   * @default 1
   */
  min: z.number().int().min(0).max(64).default(DEFAULT_POOL_MIN),
  /** Most sandboxes at once; requests beyond wait in the queue. From 1 to 256. @default 4 */
  max: z.number().int().min(1).max(256).default(DEFAULT_POOL_MAX),
  /** An idle sandbox above `min` is removed after this long, in ms. At least 1000. @default 60000 */
  idleTimeoutMs: z.number().int().min(1_000).default(DEFAULT_POOL_IDLE_TIMEOUT_MS),
};

const languagePoolShape = {
  /** This language's `pool.min` (same bounds). @default `pool.min` */
  min: poolShape.min.removeDefault().optional(),
  /** This language's `pool.max` (same bounds). @default `pool.max` */
  max: poolShape.max.removeDefault().optional(),
  /** This language's `pool.idleTimeoutMs` (same bounds). @default `pool.idleTimeoutMs` */
  idleTimeoutMs: poolShape.idleTimeoutMs.removeDefault().optional(),
};
const languagePoolSchema: z.ZodObject<typeof languagePoolShape, z.core.$strict> = z
  .object(languagePoolShape)
  .strict();

const commonPoolShape = {
  ...poolShape,
  /** Pool sizes of single languages, by language id; what one leaves out is `pool`'s. @default {} */
  perLanguage: z.record(z.string(), languagePoolSchema).default({}),
};
const commonPoolSchema: z.ZodObject<typeof commonPoolShape, z.core.$strict> = z
  .object(commonPoolShape)
  .strict();

/** How many warm sandboxes a language keeps. */
export type PoolOptions = z.input<z.ZodObject<typeof poolShape>>;

const engineOptionsShape = {
  /**
   * The Docker daemon: a dockerode instance, or dockerode's connection options.
   * @default the local daemon (dockerode's defaults: DOCKER_HOST or /var/run/docker.sock)
   */
  docker: z
    .custom<Dockerode | Dockerode.DockerOptions>(
      (value) => typeof value === "object" && value !== null,
      "expected a dockerode instance or dockerode's connection options",
    )
    .optional(),
  /**
   * The languages to serve, at least one; each is served once its runner image exists. An id
   * or alias serves the language's default (newest) version; "python@3.11" or "python@*" the
   * versions the semver range matches. @default every version of every registered language
   */
  languages: z.array(z.string().min(1)).min(1).optional(),
  /**
   * Pool sizes of every language; `perLanguage` overrides them by language id (for each of its
   * versions served). @default {}
   */
  pool: commonPoolSchema.prefault({}),
  /**
   * The OCI runtime of the sandboxes: `"runc"` (Docker's default; the host kernel is the
   * boundary) or `"runsc"` (gVisor: a user-space kernel between the program and the host's;
   * slower, and never with the network: see docs/runtimes.md). runsc needs the Docker runtime
   * `runsc` (`scripts/ensure-runsc`); at start the engine throws RuntimeNotRegisteredError when
   * the daemon lacks it. @default "runc"
   */
  runtime: sandboxRuntimeSchema.default(DEFAULT_SANDBOX_RUNTIME),
  /**
   * The runtime of single languages, by language id (or alias); what one leaves out is
   * `runtime`'s. @default {}
   */
  runtimePerLanguage: z.record(z.string(), sandboxRuntimeSchema).default({}),
  /**
   * Run-stage limits used where neither the request nor the language sets one.
   * @default DEFAULT_RUN_LIMITS
   */
  defaultLimits: partialLimitsSchema.optional(),
  /**
   * Compile-stage limits used where neither the request nor the language sets one.
   * @default DEFAULT_COMPILE_LIMITS
   */
  defaultCompileLimits: partialLimitsSchema.optional(),
  /**
   * The most any request may ask for; above it a request is rejected with LimitExceededError
   * (never clamped). @default DEFAULT_MAX_LIMITS
   */
  maxLimits: partialLimitsSchema.optional(),
  /**
   * Requests allowed to wait for a sandbox; one more gets OverloadedError. From 0 to 100000.
   * @default 64
   */
  maxQueue: z.number().int().min(0).max(100_000).default(DEFAULT_MAX_QUEUE),
  /**
   * Most sandboxes running jobs at once, across all languages (each language also keeps to its
   * `pool.max`). It bounds the memory the sandboxes may take together: at start the engine
   * refuses (MemoryOvercommitError) when that could exceed the Docker host's memory, and warns
   * above 80 % of it (memory per sandbox: its language's default `memoryMb`). From 1 to 4096.
   * @default 16
   */
  maxSandboxes: z.number().int().min(1).max(4_096).default(DEFAULT_MAX_SANDBOXES),
  /**
   * Output (stdout + stderr, compile + run) that all runs in flight may buffer together, in
   * bytes. Each run reserves its caps (`outputBytes` × 2 streams × its stages) before it
   * starts and waits while they don't fit. Must hold one run at `maxLimits.outputBytes`; at
   * least 65536. @default 134217728 (128 MiB)
   */
  maxBufferedOutputBytes: z.number().int().min(65_536).default(DEFAULT_MAX_BUFFERED_OUTPUT_BYTES),
  /** pino-compatible logger. @default silent */
  logger: z
    .custom<Logger>(isLogger, "expected a pino-compatible logger (child, debug, info, warn, error)")
    .optional(),
  /**
   * This engine is the only Warmbox engine on its Docker daemon (one server per host, as with
   * docker compose or ECS): at start it removes every Warmbox container, whoever left it.
   * Without it, only containers of dead engines of this host (by hostname and pid) are
   * removed, which misses those of a crashed engine that ran in another container.
   * @default false
   */
  exclusiveDaemon: z.boolean().default(false),
  /**
   * Start runs by the language's template where its spec turns one on (a started interpreter
   * that forks for each run, docs/templates.md); false: every run starts its interpreter anew.
   * Languages under runsc never use one (gVisor doesn't keep the clone the supervisor's child).
   * @default true
   */
  templates: z.boolean().default(true),
  /**
   * The Docker network that sandboxes join when a request may use the network
   * (`limits.network`, allowed by `maxLimits.network`); 1 to 128 characters. The engine makes
   * it at start (a bridge with inter-container traffic off) and installs iptables rules for it
   * (as root on the Docker host): a sandbox then reaches the internet but not the host, the
   * server, other sandboxes, private ranges or the cloud metadata service. Where that can't be
   * done, requests with `network: true` are refused with EngineUnavailableError saying why. A
   * network of this name not made by the engine is refused too.
   * @default "warmbox-sandbox"
   */
  sandboxNetwork: z.string().min(1).max(128).optional(),
  /**
   * Label value that tells this engine's containers apart from another engine's: letters,
   * digits, `_`, `.`, `-`, at most 64. @default random
   */
  engineId: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, "letters, digits, _ . - (at most 64)")
    .optional(),
};

/**
 * Everything `createEngine()` takes, with its bounds and defaults. The HTTP server's
 * configuration builds on it, so the two can't disagree.
 */
export const engineOptionsSchema: z.ZodObject<typeof engineOptionsShape, z.core.$strict> = z
  .object(engineOptionsShape)
  .strict();

/** What `createEngine()` takes; every field is optional. */
export type EngineOptions = z.input<typeof engineOptionsSchema>;

export interface ResolvedPoolOptions {
  min: number;
  max: number;
  idleTimeoutMs: number;
}

export interface ResolvedEngineOptions {
  /** The configured languages' versions, by key (see languageKey). */
  languages: string[];
  /** Pool sizes, by language key. */
  pools: Map<string, ResolvedPoolOptions>;
  /** The OCI runtime of each served language version's sandboxes, by key. */
  runtimes: Map<string, SandboxRuntime>;
  limits: LimitPolicy;
  maxQueue: number;
  /** Most jobs running at once across languages. */
  maxSandboxes: number;
  maxBufferedOutputBytes: number;
  logger: Logger;
  engineId: string;
  exclusiveDaemon: boolean;
  templates: boolean;
}

function resolvePool(
  common: z.output<typeof commonPoolSchema>,
  own: z.output<typeof languagePoolSchema> | undefined,
): ResolvedPoolOptions {
  const max = own?.max ?? common.max;
  return {
    min: Math.min(own?.min ?? common.min, max),
    max,
    idleTimeoutMs: own?.idleTimeoutMs ?? common.idleTimeoutMs,
  };
}

/** Validates the options once and fills in every default. Throws InvalidRequestError naming the option. */
export function resolveEngineOptions(
  input: EngineOptions,
  registry: LanguageRegistry,
): ResolvedEngineOptions {
  const options = parseOrThrow(engineOptionsSchema, input, "engine options");
  const unknown = (name: string, path: string) =>
    new InvalidRequestError(`invalid engine options: unknown language or version '${name}'`, [
      { path, message: `unknown language or version '${name}'` },
    ]);
  const selected = (options.languages ?? []).flatMap((selector) => {
    const specs = registry.select(selector);
    if (specs.length === 0) throw unknown(selector, "languages");
    return specs;
  });
  const specs = [...new Set(options.languages ? selected : registry.all)];
  const ownRuntimes = new Map(
    Object.entries(options.runtimePerLanguage).map(([name, runtime]) => {
      const spec = registry.find(name);
      if (!spec) throw unknown(name, `runtimePerLanguage.${name}`);
      return [spec.id, runtime];
    }),
  );
  const max = { ...DEFAULT_MAX_LIMITS, ...options.maxLimits };
  // Every run must fit the budget alone, or it would wait forever.
  if (options.maxBufferedOutputBytes < bufferedOutputBytes(max, max)) {
    const message = `must hold one run at maxLimits.outputBytes (${bufferedOutputBytes(max, max)} bytes: 2 streams × 2 stages)`;
    throw new InvalidRequestError(`invalid engine options: maxBufferedOutputBytes ${message}`, [
      { path: "maxBufferedOutputBytes", message },
    ]);
  }
  const keys = specs.map(languageKey);
  return {
    languages: keys,
    pools: new Map(
      specs.map((spec) => [
        languageKey(spec),
        resolvePool(options.pool, options.pool.perLanguage[spec.id]),
      ]),
    ),
    runtimes: new Map(
      specs.map((spec) => [languageKey(spec), ownRuntimes.get(spec.id) ?? options.runtime]),
    ),
    limits: {
      run: { ...DEFAULT_RUN_LIMITS, ...options.defaultLimits },
      compile: { ...DEFAULT_COMPILE_LIMITS, ...options.defaultCompileLimits },
      max,
    },
    maxQueue: options.maxQueue,
    maxSandboxes: options.maxSandboxes,
    maxBufferedOutputBytes: options.maxBufferedOutputBytes,
    logger: (options.logger ?? pino({ level: "silent" })).child({ component: "warmbox-engine" }),
    engineId: options.engineId ?? randomUUID().slice(0, 12),
    exclusiveDaemon: options.exclusiveDaemon,
    templates: options.templates,
  };
}
