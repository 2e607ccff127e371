import { readFileSync } from "node:fs";
import { fieldPath } from "@warmbox/engine";
import { type ServerConfig, serverConfigSchema } from "./config-schema.js";

/** The configuration is wrong; `message` lists every problem with where it came from. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  readonly code = "invalid_config";
}

type Parser = (raw: string) => unknown;

const integer: Parser = (raw) => {
  if (!/^-?\d+$/.test(raw.trim())) throw new Error(`expected an integer, got '${raw}'`);
  return Number(raw);
};
const decimal: Parser = (raw) => {
  const value = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(value))
    throw new Error(`expected a number, got '${raw}'`);
  return value;
};
const boolean: Parser = (raw) => {
  const value = raw.trim().toLowerCase();
  if (["1", "true", "yes", "on"].includes(value)) return true;
  if (["0", "false", "no", "off"].includes(value)) return false;
  throw new Error(`expected true or false, got '${raw}'`);
};
const text: Parser = (raw) => raw;
const list: Parser = (raw) =>
  raw
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
const booleanOrInteger: Parser = (raw) => (/^\d+$/.test(raw.trim()) ? Number(raw) : boolean(raw));
const directoryOrNone: Parser = (raw) =>
  raw.trim() === "" || raw.trim().toLowerCase() === "none" ? null : raw;

/** Environment variable → config path and how to read its text. */
const ENV_VARS: ReadonlyArray<readonly [string, readonly string[], Parser]> = [
  ["WARMBOX_PORT", ["port"], integer],
  ["WARMBOX_HOST", ["host"], text],
  ["WARMBOX_LANGUAGES", ["languages"], list],
  ["WARMBOX_BUILD_MISSING_IMAGES", ["buildMissingImages"], boolean],
  ["WARMBOX_POOL_MIN", ["pool", "min"], integer],
  ["WARMBOX_POOL_MAX", ["pool", "max"], integer],
  ["WARMBOX_POOL_IDLE_TIMEOUT_MS", ["pool", "idleTimeoutMs"], integer],
  ["WARMBOX_WARM_LANGUAGES", ["warmLanguages"], list],
  ["WARMBOX_EXCLUSIVE_DAEMON", ["exclusiveDaemon"], boolean],
  ["WARMBOX_SANDBOX_NETWORK", ["sandboxNetwork"], text],
  ["WARMBOX_MAX_QUEUE", ["maxQueue"], integer],
  ["WARMBOX_MAX_SANDBOXES", ["maxSandboxes"], integer],
  ["WARMBOX_MAX_BUFFERED_OUTPUT_BYTES", ["maxBufferedOutputBytes"], integer],
  ["WARMBOX_API_KEYS", ["apiKeys"], list],
  ["WARMBOX_METRICS_PUBLIC", ["metricsPublic"], boolean],
  ["WARMBOX_JUDGE0_ROOT", ["judge0Root"], boolean],
  ["WARMBOX_RATE_LIMIT", ["rateLimitPerMinute"], integer],
  ["WARMBOX_MAX_CONCURRENT_PER_CLIENT", ["maxConcurrentPerClient"], integer],
  ["WARMBOX_MAX_UNFINISHED_PER_KEY", ["maxUnfinishedPerKey"], integer],
  ["WARMBOX_MAX_STORED_PER_KEY", ["maxStoredPerKey"], integer],
  ["WARMBOX_ALLOWED_HOSTS", ["allowedHosts"], list],
  ["WARMBOX_MAX_BODY_BYTES", ["maxBodyBytes"], integer],
  ["WARMBOX_REQUEST_TIMEOUT_MS", ["requestTimeoutMs"], integer],
  ["WARMBOX_CORS_ORIGINS", ["corsOrigins"], list],
  ["WARMBOX_TRUST_PROXY", ["trustProxy"], booleanOrInteger],
  ["WARMBOX_STATIC_DIR", ["staticDir"], directoryOrNone],
  ["WARMBOX_SHUTDOWN_TIMEOUT_MS", ["shutdownTimeoutMs"], integer],
  ["WARMBOX_LOG_LEVEL", ["logLevel"], text],
  ["WARMBOX_ENGINE_ID", ["engineId"], text],
  ["WARMBOX_DATA_DIR", ["dataDir"], text],
  ["WARMBOX_DATABASE_URL", ["databaseUrl"], text],
  ["WARMBOX_SUBMISSION_RETENTION_HOURS", ["submissionRetentionHours"], integer],
  ["WARMBOX_SUBMISSION_LEASE_MS", ["submissionLeaseMs"], integer],
  ["WARMBOX_SUBMISSION_POLL_MS", ["submissionPollMs"], integer],
  ["WARMBOX_CALLBACK_SECRET", ["callbackSecret"], text],
  ["WARMBOX_ALLOW_PRIVATE_CALLBACKS", ["allowPrivateCallbacks"], boolean],
  ["WARMBOX_RUNTIME", ["runtime"], text],
  ["WARMBOX_TEMPLATES", ["templates"], boolean],
];

/** Limit field → environment suffix and parser; each exists as WARMBOX_{MAX,DEFAULT,DEFAULT_COMPILE}_<suffix>. */
const LIMIT_VARS: ReadonlyArray<readonly [string, string, Parser]> = [
  ["timeMs", "TIME_MS", integer],
  ["cpuMs", "CPU_MS", integer],
  ["memoryMb", "MEMORY_MB", integer],
  ["cpus", "CPUS", decimal],
  ["processes", "PROCESSES", integer],
  ["outputBytes", "OUTPUT_BYTES", integer],
  ["fileSizeBytes", "FILE_SIZE_BYTES", integer],
  ["network", "NETWORK", boolean],
];
const LIMIT_GROUPS = [
  ["WARMBOX_MAX_", "maxLimits"],
  ["WARMBOX_DEFAULT_", "defaultLimits"],
  ["WARMBOX_DEFAULT_COMPILE_", "defaultCompileLimits"],
] as const;

/** Command-line flags → config path. */
const FLAGS: Record<string, readonly [readonly string[], Parser]> = {
  "--port": [["port"], integer],
  "--host": [["host"], text],
  "--languages": [["languages"], list],
};

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const child = node[key];
    if (typeof child !== "object" || child === null || Array.isArray(child)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1] as string] = value;
}

function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new ConfigError(`cannot read the config file ${path}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`the config file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(`the config file ${path} must hold a JSON object`);
  }
  return parsed as Record<string, unknown>;
}

/**
 * Validates a configuration and fills in its defaults, or throws a ConfigError listing every
 * field at fault (`apiKeys[0]`), each with where its value came from when `sourceOf` knows.
 */
export function parseServerConfig(
  input: unknown,
  sourceOf: (path: ReadonlyArray<PropertyKey>) => string | undefined = () => undefined,
): ServerConfig {
  const parsed = serverConfigSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => {
    const source = sourceOf(issue.path);
    return `${fieldPath(issue.path, "(configuration)")}${source ? ` (from ${source})` : ""}: ${issue.message}`;
  });
  throw new ConfigError(`invalid configuration:\n  ${lines.join("\n  ")}`);
}

/**
 * Reads the server's configuration: defaults, then the JSON file named by `WARMBOX_CONFIG`
 * (or `--config <path>`), then environment variables, then command-line flags. Every value is
 * validated; a wrong one throws a ConfigError that names the variable, what was expected and
 * what came.
 *
 * @example
 * ```ts
 * const config = loadConfig(process.env, process.argv.slice(2));
 * ```
 */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  argv: readonly string[] = [],
): ServerConfig {
  const problems: string[] = [];
  const sources = new Map<string, string>();
  const flags = new Map<string, string>();
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] as string;
    const [flag, inline] = arg.includes("=") ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    if (flag !== "--config" && !((flag as string) in FLAGS)) {
      problems.push(
        `unknown argument '${arg}' (known: --config, ${Object.keys(FLAGS).join(", ")})`,
      );
      continue;
    }
    const value = inline ?? argv[++index];
    if (value === undefined) problems.push(`${flag} needs a value`);
    else flags.set(flag as string, value);
  }

  const configPath = flags.get("--config") ?? env.WARMBOX_CONFIG;
  const input: Record<string, unknown> = configPath ? readConfigFile(configPath) : {};
  if (configPath)
    for (const key of Object.keys(input)) sources.set(key, `config file ${configPath}`);

  const apply = (source: string, path: readonly string[], parse: Parser, raw: string) => {
    try {
      setPath(input, path, parse(raw));
      sources.set(path.join("."), source);
    } catch (error) {
      problems.push(`${source}: ${(error as Error).message}`);
    }
  };
  for (const [name, path, parse] of ENV_VARS) {
    const raw = env[name];
    if (raw !== undefined && raw !== "") apply(name, path, parse, raw);
  }
  for (const [prefix, group] of LIMIT_GROUPS) {
    for (const [field, suffix, parse] of LIMIT_VARS) {
      const raw = env[`${prefix}${suffix}`];
      if (raw !== undefined && raw !== "") apply(`${prefix}${suffix}`, [group, field], parse, raw);
    }
  }
  for (const [flag, [path, parse]] of Object.entries(FLAGS)) {
    const raw = flags.get(flag);
    if (raw !== undefined) apply(flag, path, parse, raw);
  }
  if (problems.length > 0)
    throw new ConfigError(`invalid configuration:\n  ${problems.join("\n  ")}`);

  // A value is blamed on what set it, or on what set the object or list holding it.
  return parseServerConfig(
    input,
    (path) =>
      sources.get(path.join(".")) ??
      sources.get(path.slice(0, 2).join(".")) ??
      sources.get(String(path[0])),
  );
}
