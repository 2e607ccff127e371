import { partialLimitsSchema } from "@warmbox/engine";
import { z } from "zod";

/** The port `npm start` serves on. */
export const DEFAULT_PORT = 8_080;
/** Every interface: the server runs in a container behind a load balancer. */
export const DEFAULT_HOST = "0.0.0.0";
/**
 * Requests per minute per API key (or per client IP without one). Generous for a person at the
 * playground, low enough that one client cannot monopolise a small machine. 0 turns it off.
 */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 600;
/**
 * Shortest API key accepted: 32 characters is 128+ bits for a random key, out of reach of
 * guessing through the rate limit.
 */
export const MIN_API_KEY_LENGTH = 32;
/**
 * Runs one client (API key, or IP without keys) may have in flight when the setting is unset:
 * half a language's pool (at least one), so one client never holds a whole pool while others wait.
 */
export function defaultMaxConcurrentPerClient(poolMax: number): number {
  return Math.max(1, Math.ceil(poolMax / 2));
}
/** Requests allowed to wait for a sandbox before the server answers 503 at once. */
export const DEFAULT_MAX_QUEUE = 64;
/**
 * Largest request body (and WebSocket message). Source files are small; 2 MiB leaves room for a
 * multi-file project and some stdin without letting one request hold much memory.
 */
export const DEFAULT_MAX_BODY_BYTES = 2 * 1_048_576;
/**
 * How long a graceful shutdown waits for running executions before killing them. Below ECS's
 * default stopTimeout (30 s) so the engine can still remove its containers.
 */
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 20_000;
/**
 * How long a client may take to send a whole request (line, headers, body). A client that never
 * finishes its body would otherwise hold its connection forever, and enough of them exhaust the
 * server's file descriptors without a key. A minute uploads the largest default body (2 MiB)
 * at 35 KB/s. Answers (event streams, WebSockets) are not limited by it.
 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
/** Warm sandboxes per language at rest: one makes the first run fast, and costs little memory. */
export const DEFAULT_POOL_MIN = 1;
/** Sandboxes per language at most: about one per core of a small machine. */
export const DEFAULT_POOL_MAX = 4;
/**
 * The languages kept warm at rest (`pool.min`); every other served language starts its first
 * sandbox on demand (a few hundred ms once) so 50 languages don't hold 50 idle containers.
 */
export const DEFAULT_WARM_LANGUAGES = ["python", "javascript", "java", "c", "cpp"];

const poolSchema = z
  .object({
    /** Sandboxes kept warm even when idle. @default 1 */
    min: z.number().int().min(0).max(64).default(DEFAULT_POOL_MIN),
    /** Most sandboxes of one language at once. @default 4 */
    max: z.number().int().min(1).max(256).default(DEFAULT_POOL_MAX),
    /** An idle sandbox above `min` is removed after this long. @default the engine's */
    idleTimeoutMs: z.number().int().min(1_000).optional(),
  })
  .strict();

const perLanguagePoolSchema = z
  .object({
    min: z.number().int().min(0).max(64).optional(),
    max: z.number().int().min(1).max(256).optional(),
    idleTimeoutMs: z.number().int().min(1_000).optional(),
  })
  .strict();

const logLevelSchema = z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]);

/**
 * Everything the server can be told, with its defaults. `loadConfig` fills it from a JSON file,
 * environment variables and command-line flags; `startServer` takes it directly.
 */
export const serverConfigSchema = z
  .object({
    /** TCP port; 0 picks a free one. @default 8080 */
    port: z.number().int().min(0).max(65_535).default(DEFAULT_PORT),
    /** Interface to listen on. @default "0.0.0.0" */
    host: z.string().min(1).default(DEFAULT_HOST),
    /** Language ids to serve. @default every language whose runner image exists */
    languages: z.array(z.string().min(1)).min(1).optional(),
    /**
     * Build the runner images of configured languages that lack one, in the background after
     * start-up; each language is served the moment its image exists. `npm start` turns it on.
     * @default false
     */
    buildMissingImages: z.boolean().default(false),
    /** Warm pool sizes, for every language and per language id. */
    pool: poolSchema
      .extend({ perLanguage: z.record(z.string(), perLanguagePoolSchema).default({}) })
      .default({ min: DEFAULT_POOL_MIN, max: DEFAULT_POOL_MAX, perLanguage: {} }),
    /**
     * Languages that keep `pool.min` sandboxes warm at rest; the others keep none until used.
     * `perLanguage` pool settings win over this. @default python, javascript, java, c, cpp
     */
    warmLanguages: z.array(z.string().min(1)).default(DEFAULT_WARM_LANGUAGES),
    /**
     * This server is the only Warmbox engine on its Docker daemon (compose, ECS): at start it
     * removes every Warmbox container left by a crashed predecessor. @default false
     */
    exclusiveDaemon: z.boolean().default(false),
    /**
     * Docker network of sandboxes whose request may use the network (needs maxLimits.network).
     * The engine makes it (inter-container traffic off) and filters it with iptables: the
     * internet only, never the host, private ranges or the metadata service.
     * @default "warmbox-sandbox"
     */
    sandboxNetwork: z.string().min(1).optional(),
    /** Requests allowed to wait for a sandbox; one more gets 503 overloaded. @default 64 */
    maxQueue: z.number().int().min(0).max(100_000).default(DEFAULT_MAX_QUEUE),
    /**
     * Most sandboxes running at once across languages; with the memory limits it must fit the
     * Docker host's memory or the server refuses to start. @default the engine's (16)
     */
    maxSandboxes: z.number().int().min(1).max(4_096).optional(),
    /**
     * Output all runs in flight may buffer together, in bytes. @default the engine's (128 MiB)
     */
    maxBufferedOutputBytes: z.number().int().min(65_536).optional(),
    /** Run-stage limits used when a request sets none. @default the engine's */
    defaultLimits: partialLimitsSchema.default({}),
    /** Compile-stage limits used when a request sets none. @default the engine's */
    defaultCompileLimits: partialLimitsSchema.default({}),
    /**
     * The most a request may ask for; above it the request gets 400 limit_exceeded.
     * @default the engine's (`outputBytes` at most 1 MiB: the answer holds stdout and stderr in
     * memory, and JSON writes a control byte as six)
     */
    maxLimits: partialLimitsSchema.default({}),
    /** API keys (each at least 32 characters); none means the API is open. @default [] */
    apiKeys: z
      .array(
        z
          .string()
          .min(
            MIN_API_KEY_LENGTH,
            `an API key needs at least ${MIN_API_KEY_LENGTH} characters (e.g. openssl rand -hex 32)`,
          ),
      )
      .default([]),
    /**
     * `GET /metrics` answers without a key even when API keys are set (for a scraper on a
     * private network). Without keys it is always open. @default false
     */
    metricsPublic: z.boolean().default(false),
    /**
     * Requests on the API one client (API key, or IP without keys) may have in flight; one more
     * gets 429 with Retry-After. Streams and WebSockets count while they are open. 0 turns it
     * off. @default half of `pool.max`, at least 1
     */
    maxConcurrentPerClient: z.number().int().min(0).max(100_000).optional(),
    /**
     * Host names (or addresses, with or without :port) the API answers to; a request whose
     * Host header names another is refused (DNS rebinding). ["*"] accepts any. Loopback names,
     * the listening address and the hosts of `corsOrigins` are always accepted. @default [] (only
     * those) without API keys, ["*"] with keys (a key is needed anyway)
     */
    allowedHosts: z.array(z.string().min(1)).optional(),
    /** Requests per minute per API key or client IP; 0 disables the limit. @default 600 */
    rateLimitPerMinute: z.number().int().min(0).default(DEFAULT_RATE_LIMIT_PER_MINUTE),
    /** Largest request body and WebSocket message, in bytes. @default 2097152 */
    maxBodyBytes: z
      .number()
      .int()
      .min(1_024)
      .max(256 * 1_048_576)
      .default(DEFAULT_MAX_BODY_BYTES),
    /** How long a client may take to send a whole request, body included. @default 60000 */
    requestTimeoutMs: z.number().int().min(500).max(3_600_000).default(DEFAULT_REQUEST_TIMEOUT_MS),
    /** Origins allowed by CORS; ["*"] allows any; [] sends no CORS headers. @default [] */
    corsOrigins: z.array(z.string().min(1)).default([]),
    /**
     * Trust X-Forwarded-* from this many proxies (true: any) to find the client IP for rate
     * limits. Turn on behind a load balancer. @default false
     */
    trustProxy: z.union([z.boolean(), z.number().int().min(0)]).default(false),
    /**
     * Directory of the playground's built files served at `/`; null serves none.
     * @default packages/demo-web/dist next to this package, when it exists
     */
    staticDir: z.string().min(1).nullable().optional(),
    /** Grace period of a shutdown for running executions. @default 20000 */
    shutdownTimeoutMs: z.number().int().min(0).default(DEFAULT_SHUTDOWN_TIMEOUT_MS),
    /** Log level of the server's pino logger. @default "info" */
    logLevel: logLevelSchema.default("info"),
    /** Label value telling this server's containers apart. @default random */
    engineId: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,64}$/, "letters, digits, _ . - (at most 64)")
      .optional(),
  })
  .strict();

/** The server's configuration, every default filled in. */
export type ServerConfig = z.output<typeof serverConfigSchema>;
/** What a caller or a config file may give: every field optional. */
export type ServerConfigInput = z.input<typeof serverConfigSchema>;
