import type { Engine } from "@warmbox/engine";
import { languageKey, languageRegistry } from "@warmbox/engine";
import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import { pino } from "pino";
import { parseServerConfig } from "../config/config.js";
import type { ServerConfig, ServerConfigInput } from "../config/config-schema.js";
import type { LanguageCatalog } from "../execution/language-catalog.js";
import { buildMissingImages } from "../images/missing-image-builds.js";
import { type BuiltApp, buildApp } from "./build-app.js";
import { requestSerializer } from "./request-serializer.js";
import { createServerEngine } from "./server-engine.js";

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
  const config = parseServerConfig(input);
  const logger = givenLogger ?? serverLogger(config.logLevel);
  const engine = givenEngine ?? createServerEngine(config, logger);
  // The server closes only the engine it made.
  const closeEngine = async () => {
    if (givenEngine === undefined) await engine.close();
  };
  const { app, catalog } = await openWarmApp(config, engine, logger, closeEngine);
  const url = urlOf(config.host, listeningPort(app, config.port));
  await logServedLanguages(engine, url, logger);
  const imagesSettled = config.buildMissingImages
    ? buildMissingImagesInBackground(config, { engine, catalog, logger })
    : Promise.resolve([]);
  const close = closeOnce(app, closeEngine, logger);
  return { url, app, engine, config, imagesSettled, close, [Symbol.asyncDispose]: close };
}

/**
 * pino at `level` on stdout, logging requests without their secrets. Each line is written at
 * once with a plain write(2) (`sync`): pino's default hands every line to libuv's thread pool,
 * and waking a pool thread per request line cost the HTTP layer more than the write itself
 * (bench/http-layer.mjs).
 */
function serverLogger(level: ServerConfig["logLevel"]): FastifyBaseLogger {
  return pino(
    { level, serializers: { req: requestSerializer, err: pino.stdSerializers.err } },
    pino.destination({ dest: 1, sync: true }),
  );
}

/**
 * Builds the app, listens and warms the pools, then reports ready. If any step fails it closes
 * what it opened (the app, then the engine through `closeEngine`) and throws.
 */
async function openWarmApp(
  config: ServerConfig,
  engine: Engine,
  logger: FastifyBaseLogger,
  closeEngine: () => Promise<void>,
): Promise<BuiltApp> {
  let built: BuiltApp;
  try {
    built = await buildApp(config, engine, logger);
  } catch (error) {
    await closeEngine();
    throw error;
  }
  try {
    await built.app.listen({ port: config.port, host: config.host });
    await engine.warmup();
    await built.submissions.start();
    built.setReady(true);
  } catch (error) {
    await built.app.close();
    await closeEngine();
    throw error;
  }
  return built;
}

/** The port the app listens on (the one picked when `port` was 0). */
function listeningPort(app: FastifyInstance, configured: number): number {
  const address = app.server.address();
  return typeof address === "object" && address !== null ? address.port : configured;
}

function urlOf(host: string, port: number): string {
  const reachable = host === "0.0.0.0" ? "127.0.0.1" : host === "::" ? "::1" : host;
  return `http://${reachable.includes(":") ? `[${reachable}]` : reachable}:${port}`;
}

/** Exactly the languages whose runner image is built are served; says which. */
async function logServedLanguages(
  engine: Engine,
  url: string,
  logger: FastifyBaseLogger,
): Promise<void> {
  const served = (await engine.languages()).map((language) => language.id);
  logger.info(
    { url, languages: served },
    `warmbox server ready: ${served.length} languages (${served.join(", ")})`,
  );
}

/**
 * Builds the runner images the configured languages lack, in the background; resolves to the
 * languages that were missing (none if the builds failed as a whole, which is logged).
 */
function buildMissingImagesInBackground(
  config: ServerConfig,
  parts: { engine: Engine; catalog: LanguageCatalog; logger: FastifyBaseLogger },
): Promise<string[]> {
  return buildMissingImages({
    ...parts,
    languages: config.languages ?? languageRegistry.all.map(languageKey),
  }).catch((error: unknown) => {
    parts.logger.error({ err: error }, "building the missing runner images failed");
    return [];
  });
}

/** The server's close: the app (draining executions), then the engine; the same promise every call. */
function closeOnce(
  app: FastifyInstance,
  closeEngine: () => Promise<void>,
  logger: FastifyBaseLogger,
): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => {
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
}
