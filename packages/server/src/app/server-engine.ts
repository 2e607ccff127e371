import { createEngine, type Engine, languageRegistry, type PoolOptions } from "@warmbox/engine";
import type { FastifyBaseLogger } from "fastify";
import type { ServerConfig } from "../config/config-schema.js";

/** The pool settings: `min` for the warm languages, none at rest for the others. */
function poolOptions(config: ServerConfig): ServerConfig["pool"] {
  const perLanguage: Record<string, PoolOptions> = {};
  for (const spec of languageRegistry.all) {
    if (!config.warmLanguages.includes(spec.id)) perLanguage[spec.id] = { min: 0 };
  }
  for (const [id, own] of Object.entries(config.pool.perLanguage)) {
    const spec = languageRegistry.find(id);
    perLanguage[spec?.id ?? id] = { ...perLanguage[spec?.id ?? id], ...own };
  }
  return { ...config.pool, perLanguage };
}

/** The engine a server makes from its configuration, logging through the server's logger. */
export function createServerEngine(config: ServerConfig, logger: FastifyBaseLogger): Engine {
  return createEngine({
    languages: config.languages,
    pool: poolOptions(config),
    exclusiveDaemon: config.exclusiveDaemon,
    sandboxNetwork: config.sandboxNetwork,
    defaultLimits: config.defaultLimits,
    defaultCompileLimits: config.defaultCompileLimits,
    maxLimits: config.maxLimits,
    maxQueue: config.maxQueue,
    maxSandboxes: config.maxSandboxes,
    maxBufferedOutputBytes: config.maxBufferedOutputBytes,
    engineId: config.engineId,
    logger,
  });
}
