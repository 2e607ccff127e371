import { engineOptionsSchema } from "@warmbox/engine";
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
/**
 * Submissions one key may keep stored by default: at the output cap's 64 KiB of stdout and of
 * stderr each, at most ~1.3 GB of one key's results until retention deletes them.
 */
export const DEFAULT_MAX_STORED_PER_KEY = 10_000;
/**
 * Unfinished asynchronous submissions one key may have when WARMBOX_MAX_UNFINISHED_PER_KEY is not
 * set: four times what the synchronous API lets wait, so a key queues a few engine queues'
 * worth and no more.
 */
export function defaultMaxUnfinishedPerKey(maxQueue: number): number {
  return Math.max(1, 4 * maxQueue);
}
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
/**
 * The languages kept warm at rest (`pool.min`); every other served language starts its first
 * sandbox on demand (a few hundred ms once) so 50 languages don't hold 50 idle containers.
 */
export const DEFAULT_WARM_LANGUAGES = ["python", "javascript", "java", "c", "cpp"];

/**
 * How long finished submissions (their results) are kept before the retention sweep deletes
 * them: 7 days, long enough to fetch a result after a weekend.
 */
export const DEFAULT_SUBMISSION_RETENTION_HOURS = 7 * 24;
/**
 * A running submission's lease: an instance renews it every third of this while it runs the
 * work; one that died is noticed this long after its last renewal and its work re-run.
 */
export const DEFAULT_SUBMISSION_LEASE_MS = 30_000;
/**
 * How often an instance looks in the store for work submitted on other instances (its own
 * submissions wake it at once), and for expired leases.
 */
export const DEFAULT_SUBMISSION_POLL_MS = 500;

const logLevelSchema = z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]);

/**
 * The engine's options a configuration sets, with the engine's own bounds, defaults and docs
 * (the server makes the logger, and talks to the local Docker daemon).
 */
type EngineConfigShape = Omit<(typeof engineOptionsSchema)["shape"], "docker" | "logger">;

/** The server's own settings. */
const serverShape = {
  /** TCP port, 0 to 65535; 0 picks a free one. @default 8080 */
  port: z.number().int().min(0).max(65_535).default(DEFAULT_PORT),
  /** Interface to listen on. @default "0.0.0.0" */
  host: z.string().min(1).default(DEFAULT_HOST),
  /**
   * Build the runner images of configured languages that lack one, in the background after
   * start-up; each language is served the moment its image exists. `npm start` turns it on.
   * @default false
   */
  buildMissingImages: z.boolean().default(false),
  /**
   * Languages that keep `pool.min` sandboxes warm at rest; the others keep none until used.
   * `pool.perLanguage` settings win over this. @default python, javascript, java, c, cpp
   */
  warmLanguages: z.array(z.string().min(1)).default(DEFAULT_WARM_LANGUAGES),
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
   * Serve the Judge0-compatible API at the root (`/submissions`, `/languages`...) as well as
   * under `/judge0`, for Judge0 clients whose base URL cannot carry a path. @default false
   */
  judge0Root: z.boolean().default(false),
  /**
   * Requests on the API one client (API key, or IP without keys) may have in flight; one more
   * gets 429 with Retry-After. Streams and WebSockets count while they are open. 0 turns it
   * off; at most 100000. @default half of `pool.max`, at least 1
   */
  maxConcurrentPerClient: z.number().int().min(0).max(100_000).optional(),
  /**
   * Asynchronous submissions (native and Judge0) one API key may have unfinished (queued or
   * running); a submission or batch past it gets 429 `too_many_submissions`. Without keys,
   * every client shares one bound. 0 turns it off; at most 1000000.
   * @default 4 × `maxQueue`, at least 1
   */
  maxUnfinishedPerKey: z.number().int().min(0).max(1_000_000).optional(),
  /**
   * Asynchronous submissions (native and Judge0) one API key may have stored, finished ones
   * included, until retention deletes them or the key deletes some; past it a submission gets
   * 429 `too_many_stored_submissions`, so one key can't fill the database's disk. Without keys,
   * every client shares one bound. 0 turns it off; at most 100000000. @default 10000
   */
  maxStoredPerKey: z.number().int().min(0).max(100_000_000).default(DEFAULT_MAX_STORED_PER_KEY),
  /**
   * Host names (or addresses, with or without :port) the API answers to; a request whose
   * Host header names another is refused (DNS rebinding). ["*"] accepts any. Loopback names,
   * the listening address and the hosts of `corsOrigins` are always accepted. @default [] (only
   * those) without API keys, ["*"] with keys (a key is needed anyway)
   */
  allowedHosts: z.array(z.string().min(1)).optional(),
  /** Requests per minute per API key or client IP; 0 disables the limit. @default 600 */
  rateLimitPerMinute: z.number().int().min(0).default(DEFAULT_RATE_LIMIT_PER_MINUTE),
  /** Largest request body and WebSocket message, in bytes: 1024 to 256 MiB. @default 2097152 */
  maxBodyBytes: z
    .number()
    .int()
    .min(1_024)
    .max(256 * 1_048_576)
    .default(DEFAULT_MAX_BODY_BYTES),
  /**
   * How long a client may take to send a whole request, body included, in ms: 500 to 3600000.
   * @default 60000
   */
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
  /** Grace period of a shutdown for running executions, in ms. @default 20000 */
  shutdownTimeoutMs: z.number().int().min(0).default(DEFAULT_SHUTDOWN_TIMEOUT_MS),
  /**
   * Directory of the server's own files: the SQLite database of submissions (without
   * `databaseUrl`) and the generated callback signing secret. Created on first start.
   * @default .warmbox/data at the root of the repository
   */
  dataDir: z.string().min(1).optional(),
  /**
   * A PostgreSQL URL (`postgres://user:password@host:5432/db`) to keep submissions in, shared
   * by every instance that names it. Unset: an embedded SQLite file in `dataDir`.
   * @default undefined
   */
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "expected a postgres:// or postgresql:// URL")
    .optional(),
  /**
   * Hours a finished submission is kept (its result, stdout and stderr), then deleted:
   * 1 to 87600 (10 years). @default 168 (7 days)
   */
  submissionRetentionHours: z
    .number()
    .int()
    .min(1)
    .max(87_600)
    .default(DEFAULT_SUBMISSION_RETENTION_HOURS),
  /**
   * Lease of a running submission in ms (renewed every third of it); after an instance dies its
   * running work is re-run once this has passed. 1000 to 600000. @default 30000
   */
  submissionLeaseMs: z.number().int().min(1_000).max(600_000).default(DEFAULT_SUBMISSION_LEASE_MS),
  /**
   * How often the store is polled for work submitted on other instances and for expired
   * leases, in ms: 50 to 60000. @default 500
   */
  submissionPollMs: z.number().int().min(50).max(60_000).default(DEFAULT_SUBMISSION_POLL_MS),
  /**
   * Secret that signs callbacks (HMAC-SHA256, header `Warmbox-Signature`), at least 32
   * characters. Every instance sharing a database needs the same one. @default a random secret
   * generated on first start and kept in `dataDir/callback-secret`
   */
  callbackSecret: z
    .string()
    .min(32, "a callback secret needs at least 32 characters (e.g. openssl rand -hex 32)")
    .optional(),
  /**
   * Allow callback URLs whose host is (or resolves to) a loopback, private, link-local,
   * unique-local, shared (CGNAT) or other non-public address. Off, such callbacks are refused
   * (server-side request forgery). Turn on only when every such address is yours to reach.
   * @default false
   */
  allowPrivateCallbacks: z.boolean().default(false),
  /** Log level of the server's pino logger. @default "info" */
  logLevel: logLevelSchema.default("info"),
};

/**
 * Everything the server can be told, with its defaults: the engine's options (but `docker` and
 * `logger`) and the server's own. `loadConfig` fills it from a JSON file, environment variables
 * and command-line flags; `startServer` takes it directly. Declared with its shape's type so
 * that the published types keep every field's JSDoc.
 */
export const serverConfigSchema: z.ZodObject<
  EngineConfigShape & typeof serverShape,
  z.core.$strict
> = z
  .object({ ...engineOptionsSchema.omit({ docker: true, logger: true }).shape, ...serverShape })
  .strict();

/** The server's configuration, every default filled in. */
export type ServerConfig = z.output<typeof serverConfigSchema>;
/** What a caller or a config file may give: every field optional. */
export type ServerConfigInput = z.input<typeof serverConfigSchema>;
