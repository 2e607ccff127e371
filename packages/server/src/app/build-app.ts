import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import cors from "@fastify/cors";
import websocket from "@fastify/websocket";
import type { Engine } from "@warmbox/engine";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import type { ServerConfig } from "../config/config-schema.js";
import { registerErrorHandler } from "../errors/error-handler.js";
import { HttpError } from "../errors/http-error.js";
import { UNAVAILABLE_RETRY_AFTER_SECONDS } from "../errors/to-http-error.js";
import { ExecutionService } from "../execution/execution-service.js";
import { LanguageCatalog } from "../execution/language-catalog.js";
import { isApiPath, registerApiKeyAuth } from "../http/api-key-auth.js";
import { registerJsonBodyParser } from "../http/json-body-parser.js";
import { defaultStaticDir, packageVersion } from "../http/package-root.js";
import { registerRateLimit } from "../http/rate-limit.js";
import { registerStaticFiles } from "../http/static-files.js";
import { ServerMetrics } from "../metrics/server-metrics.js";
import { registerExecuteRoute } from "../routes/execute-route.js";
import { registerHealthRoutes } from "../routes/health-routes.js";
import { registerLanguagesRoute } from "../routes/languages-route.js";
import { registerMetricsRoute } from "../routes/metrics-route.js";
import { registerOpenApiRoute } from "../routes/openapi-route.js";
import { registerPistonRoutes } from "../routes/piston-routes.js";
import { registerRunSocketRoute } from "../routes/run-socket-route.js";

/** An incoming X-Request-Id is kept when it looks like an id; else the server makes one. */
const REQUEST_ID_PATTERN = /^[\w.:-]{1,128}$/;

/** After the executions drained, how long answers may take to be written before connections close. */
const ANSWER_FLUSH_MS = 2_000;

async function waitUntilEmpty(answers: Set<ServerResponse>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (answers.size > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The Fastify app with the pieces the server's lifecycle needs. */
export interface BuiltApp {
  app: FastifyInstance;
  executions: ExecutionService;
  /** The languages served and those on their way. */
  catalog: LanguageCatalog;
  /** Readiness: true once the pools are warm, false again when shutdown begins. */
  setReady(ready: boolean): void;
}

/**
 * Assembles the HTTP server over an engine: body parsing, request ids, the central error
 * handler, CORS, API keys, rate limits, WebSocket support, the routes, and a shutdown drain
 * that lets running executions finish (up to `shutdownTimeoutMs`) before connections close.
 */
export async function buildApp(
  config: ServerConfig,
  engine: Engine,
  logger: FastifyBaseLogger,
): Promise<BuiltApp> {
  const app = Fastify({
    loggerInstance: logger,
    bodyLimit: config.maxBodyBytes,
    // Fastify takes a hop count too; its types do not say so.
    trustProxy: config.trustProxy as boolean,
    requestIdHeader: "x-request-id",
    genReqId: (request) => {
      const incoming = request.headers["x-request-id"];
      return typeof incoming === "string" && REQUEST_ID_PATTERN.test(incoming)
        ? incoming
        : randomUUID();
    },
    // A closing server answers in the contract's error shape (hook below), not Fastify's.
    return503OnClosing: false,
    // Shutdown drains executions and open answers first (preClose below); whatever connection
    // is left then (idle keep-alive, a client that went half-away) is closed, not waited for.
    forceCloseConnections: true,
    routerOptions: { ignoreTrailingSlash: true },
  });
  const metrics = new ServerMetrics(engine);
  const executions = new ExecutionService(
    engine,
    metrics,
    logger.child({ component: "executions" }),
  );
  const catalog = new LanguageCatalog(engine);
  let ready = false;
  const openAnswers = new Set<ServerResponse>();

  // Runs before @fastify/websocket's own preClose (which closes the remaining sockets).
  app.addHook("preClose", async () => {
    ready = false;
    await executions.drain(config.shutdownTimeoutMs);
    await waitUntilEmpty(openAnswers, ANSWER_FLUSH_MS);
  });
  // Before auth and rate limits: its onRequest hook marks upgrade requests, so that one refused
  // (401, 429) has its socket destroyed after the answer instead of left half-open.
  await app.register(websocket, { options: { maxPayload: config.maxBodyBytes } });
  registerJsonBodyParser(app);
  registerErrorHandler(app, { maxBodyBytes: config.maxBodyBytes });
  app.addHook("onRequest", async (request, reply) => {
    reply.header("x-request-id", request.id);
    if (request.headers.upgrade === undefined) {
      openAnswers.add(reply.raw);
      reply.raw.once("close", () => openAnswers.delete(reply.raw));
    }
    if (executions.draining && isApiPath(request.url)) {
      reply.header("connection", "close");
      throw new HttpError(
        503,
        "unavailable",
        "the server is shutting down; retry shortly",
        undefined,
        {
          "retry-after": String(UNAVAILABLE_RETRY_AFTER_SECONDS),
        },
      );
    }
  });
  if (config.corsOrigins.length > 0) {
    await app.register(cors, {
      origin: config.corsOrigins.includes("*") ? true : config.corsOrigins,
      methods: ["GET", "POST", "OPTIONS"],
      allowedHeaders: ["content-type", "authorization", "x-api-key", "x-request-id", "accept"],
      exposedHeaders: [
        "retry-after",
        "x-request-id",
        "x-ratelimit-limit",
        "x-ratelimit-remaining",
        "x-ratelimit-reset",
      ],
      maxAge: 600,
    });
  }
  registerApiKeyAuth(app, config.apiKeys);
  await registerRateLimit(app, config.rateLimitPerMinute);

  registerMetricsRoute(app, metrics);
  registerHealthRoutes(app, { engine, isAccepting: () => ready && !executions.draining });
  registerOpenApiRoute(app, packageVersion());
  registerLanguagesRoute(app, catalog);
  registerExecuteRoute(app, { executions, maxBodyBytes: config.maxBodyBytes });
  registerRunSocketRoute(app, { executions, maxBodyBytes: config.maxBodyBytes });
  await registerPistonRoutes(app, { executions, catalog });
  await registerStaticFiles(
    app,
    config.staticDir === undefined ? defaultStaticDir() : config.staticDir,
  );

  return {
    app,
    executions,
    catalog,
    setReady: (value) => {
      ready = value;
    },
  };
}
