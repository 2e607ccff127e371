import { createEngine, type Engine, languageRegistry } from "@warmbox/engine";
import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import { pino } from "pino";
import { ConfigError } from "../config/config.js";
import {
  type ServerConfig,
  type ServerConfigInput,
  serverConfigSchema,
} from "../config/config-schema.js";
import { fieldIssues } from "../execution/parse-execute-request.js";
import { buildMissingImages } from "../images/missing-image-builds.js";
import { buildApp } from "./build-app.js";
import { requestSerializer } from "./request-serializer.js";

/** What `startServer` takes: any part of the configuration, plus an engine or logger to use. */
export type StartServerOptions = ServerConfigInput & {
  /** An engine to serve; the server then leaves closing it to the caller. @default a new engine */
  engine?: Engine;
  /** A pino logger. @default pino at `logLevel` on stdout */
  logger?: FastifyBaseLogger;
};

/** A listening server. */
export interface RunningServer {
  /** Base URL of the server, e.g. http://127.0.0.1:8080 (loopback when bound to every interface). */
  url: string;
  app: FastifyInstance;
  engine: Engine;
  config: ServerConfig;
  /**
   * Resolves when the background builds of missing runner images (`buildMissingImages`) have
   * ended, each language served or listed as failed, to the languages that were missing; at
   * once, to none, when there was nothing to build.
   */
  imagesSettled: Promise<string[]>;
  /**
   * Graceful shutdown: stops accepting, lets running executions finish (up to
   * `shutdownTimeoutMs`, then kills them), closes connections, then closes the engine if the
   * server created it. Idempotent.
   */
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** The pool settings: `min` for the warm languages, none at rest for the others. */
function poolOptions(config: ServerConfig): ServerConfig["pool"] {
  const perLanguage: ServerConfig["pool"]["perLanguage"] = {};
  for (const spec of languageRegistry.all) {
    if (!config.warmLanguages.includes(spec.id)) perLanguage[spec.id] = { min: 0 };
  }
  for (const [id, own] of Object.entries(config.pool.perLanguage)) {
    const spec = languageRegistry.find(id);
    perLanguage[spec?.id ?? id] = { ...perLanguage[spec?.id ?? id], ...own };
  }
  return { ...config.pool, perLanguage };
}

function urlOf(host: string, port: number): string {
  const reachable = host === "0.0.0.0" ? "127.0.0.1" : host === "::" ? "::1" : host;
  return `http://${reachable.includes(":") ? `[${reachable}]` : reachable}:${port}`;
}

/**
 * Starts the HTTP API over a warm engine and resolves once it listens and the pools are warm.
 *
 * @example
 * ```ts
 * const server = await startServer({ port: 0, host: "127.0.0.1", languages: ["python"] });
 * const response = await fetch(`${server.url}/v1/execute`, {
 *   method: "POST",
 *   headers: { "content-type": "application/json" },
 *   body: JSON.stringify({ language: "python", source: "print(1)" }),
 * });
 * await server.close();
 * ```
 */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const { engine: givenEngine, logger: givenLogger, ...input } = options;
  const parsed = serverConfigSchema.safeParse(input);
  if (!parsed.success) {
    const problems = fieldIssues(parsed.error).map((issue) => `${issue.path}: ${issue.message}`);
    throw new ConfigError(`invalid configuration:\n  ${problems.join("\n  ")}`);
  }
  const config = parsed.data;
  const logger =
    givenLogger ??
    pino({
      level: config.logLevel,
      serializers: { req: requestSerializer, err: pino.stdSerializers.err },
    });
  const engine =
    givenEngine ??
    createEngine({
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
  const closeEngine = async () => {
    if (givenEngine === undefined) await engine.close();
  };

  let built: Awaited<ReturnType<typeof buildApp>>;
  try {
    built = await buildApp(config, engine, logger);
  } catch (error) {
    await closeEngine();
    throw error;
  }
  const { app, catalog } = built;
  try {
    await app.listen({ port: config.port, host: config.host });
    await engine.warmup();
    built.setReady(true);
  } catch (error) {
    await app.close();
    await closeEngine();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === "object" && address !== null ? address.port : config.port;
  const url = urlOf(config.host, port);
  // Exactly the languages whose runner image is built are served; say which.
  const served = (await engine.languages()).map((language) => language.id);
  logger.info(
    { url, languages: served },
    `warmbox server ready: ${served.length} languages (${served.join(", ")})`,
  );
  const imagesSettled = config.buildMissingImages
    ? buildMissingImages({
        engine,
        catalog,
        logger,
        languages: config.languages ?? languageRegistry.all.map((spec) => spec.id),
      }).catch((error: unknown) => {
        logger.error({ err: error }, "building the missing runner images failed");
        return [];
      })
    : Promise.resolve([]);

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      logger.info("shutting down");
      try {
        await app.close();
      } finally {
        await closeEngine();
      }
      logger.info("shut down");
    })();
    return closing;
  };
  return { url, app, engine, config, imagesSettled, close, [Symbol.asyncDispose]: close };
}
