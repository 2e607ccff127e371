import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import cors from "@fastify/cors";
import websocket from "@fastify/websocket";
import type { Engine } from "@warmbox/engine";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import type { ServerConfig } from "../config/config-schema.js";
import { registerErrorHandler } from "../errors/error-handler.js";
import { ExecutionService } from "../execution/execution-service.js";
import { LanguageCatalog } from "../execution/language-catalog.js";
import { browserOriginGuardOptions } from "../http/browser-origin-guard.js";
import { answerClientError } from "../http/client-error-answer.js";
import { registerJsonBodyParser } from "../http/json-body-parser.js";
import { defaultStaticDir, packageVersion } from "../http/package-root.js";
import { registerOriginFormOnly } from "../http/request-target.js";
import { registerSecurityHeaders } from "../http/security-headers.js";
import { registerStaticFiles } from "../http/static-files.js";
import { selectProtocol } from "../http/websocket-protocol.js";
import { registerUpgradeOnlyOnWebSocketRoutes } from "../http/websocket-routes.js";
import { ServerMetrics } from "../metrics/server-metrics.js";
import { registerHealthRoutes } from "../routes/health-routes.js";
import { registerHttpMetrics, registerMetricsRoute } from "../routes/metrics-route.js";
import { registerOpenApiRoute } from "../routes/openapi-route.js";
import { registerApiRoutes } from "./api-routes.js";

/** An incoming X-Request-Id is kept when it looks like an id; else the server makes one. */
const REQUEST_ID_PATTERN = /^[\w.:-]{1,128}$/;

/** Node's default time for a request's line and headers. */
const HEADERS_TIMEOUT_MS = 60_000;

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
 * handler, security headers, CORS, WebSocket support, the public routes (health, metrics,
 * OpenAPI, the page), the guarded API routes (see registerApiRoutes), and a shutdown drain that
 * lets running executions finish (up to `shutdownTimeoutMs`) before connections close.
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
    // A closing server answers in the API's error shape (docs/api.md) (hook below), not Fastify's.
    return503OnClosing: false,
    // Shutdown drains executions and open answers first (preClose below); whatever connection
    // is left then (idle keep-alive, a client that went half-away) is closed, not waited for.
    forceCloseConnections: true,
    routerOptions: { ignoreTrailingSlash: true },
    clientErrorHandler: answerClientError,
    // Node's default is 300 s, but Fastify turns it off; 408 (answerClientError) once it passes.
    requestTimeout: config.requestTimeoutMs,
    http: {
      headersTimeout: Math.min(HEADERS_TIMEOUT_MS, config.requestTimeoutMs),
      // How often Node looks for expired requests: a fraction of the timeout, so it holds.
      connectionsCheckingInterval: Math.min(30_000, Math.ceil(config.requestTimeoutMs / 4)),
    },
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
  await app.register(websocket, {
    options: {
      maxPayload: config.maxBodyBytes,
      // Answer `warmbox.v1` alone: a browser's key rides in another offered subprotocol.
      handleProtocols: (offered) => selectProtocol(offered),
    },
  });
  registerJsonBodyParser(app);
  registerErrorHandler(app, { maxBodyBytes: config.maxBodyBytes });
  registerSecurityHeaders(app);
  app.addHook("onRequest", async (request, reply) => {
    reply.header("x-request-id", request.id);
    if (request.headers.upgrade === undefined) {
      openAnswers.add(reply.raw);
      reply.raw.once("close", () => openAnswers.delete(reply.raw));
    }
  });
  registerOriginFormOnly(app);
  registerUpgradeOnlyOnWebSocketRoutes(app);
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
  registerHttpMetrics(app, metrics);

  // Public: probes, the OpenAPI document, the page. Every API route lives in registerApiRoutes.
  registerHealthRoutes(app, { engine, isAccepting: () => ready && !executions.draining });
  registerOpenApiRoute(app, packageVersion());
  await registerMetricsRoute(app, metrics, {
    apiKeys: config.apiKeys,
    public: config.metricsPublic,
    browserGuard: browserOriginGuardOptions(config),
  });
  await registerApiRoutes(app, { config, executions, catalog });
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
