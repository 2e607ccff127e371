import {
  createEngine,
  type Engine,
  type EngineOptions,
  engineOptionsSchema,
  languageRegistry,
  type PoolOptions,
} from "@warmbox/engine";
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

/**
 * The engine's own options out of the server's configuration: every field the engine's schema
 * has (runtime, templates and limits included), so a library and a server given the same
 * settings run the same engine.
 */
export function engineOptionsOf(config: ServerConfig): Omit<EngineOptions, "docker" | "logger"> {
  const options: Record<string, unknown> = {};
  for (const key of Object.keys(engineOptionsSchema.shape)) {
    if (key in config) options[key] = config[key as keyof ServerConfig];
  }
  return options as Omit<EngineOptions, "docker" | "logger">;
}

/** The engine a server makes from its configuration, logging through the server's logger. */
export function createServerEngine(config: ServerConfig, logger: FastifyBaseLogger): Engine {
  return createEngine({ ...engineOptionsOf(config), pool: poolOptions(config), logger });
}
