import websocket from "@fastify/websocket";
import type { Engine } from "@warmbox/engine";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import type { ServerConfig } from "../config/config-schema.js";
import { registerErrorHandler } from "../errors/error-handler.js";
import { ExecutionService } from "../execution/execution-service.js";
import { LanguageCatalog } from "../execution/language-catalog.js";
import { browserOriginGuardOptions } from "../http/browser-origin-guard.js";
import { registerCors } from "../http/cors.js";
import { registerJsonBodyParser } from "../http/json-body-parser.js";
import { defaultStaticDir, packageVersion } from "../http/package-root.js";
import { registerRequestIdHeader } from "../http/request-id.js";
import { registerOriginFormOnly } from "../http/request-target.js";
import { registerSecurityHeaders } from "../http/security-headers.js";
import { registerStaticFiles } from "../http/static-files.js";
import { selectProtocol } from "../http/websocket-protocol.js";
import { registerUpgradeOnlyOnWebSocketRoutes } from "../http/websocket-routes.js";
import { ServerMetrics } from "../metrics/server-metrics.js";
import { registerHealthRoutes } from "../routes/health-routes.js";
import { registerHttpMetrics, registerMetricsRoute } from "../routes/metrics-route.js";
import { registerOpenApiRoute } from "../routes/openapi-route.js";
import { ensureDataDir } from "../submissions/data-dir.js";
import { openSubmissionStore } from "../submissions/open-submission-store.js";
import { Submissions } from "../submissions/submissions.js";
import { registerApiRoutes } from "./api-routes.js";
import { fastifyOptions } from "./fastify-options.js";
import { registerShutdownDrain } from "./shutdown-drain.js";

/** The Fastify app with the pieces the server's lifecycle needs. */
export interface BuiltApp {
  app: FastifyInstance;
  executions: ExecutionService;
  /** The languages served and those on their way. */
  catalog: LanguageCatalog;
  /** The asynchronous submissions; `start()` them once the engine is warm. */
  submissions: Submissions;
  /** Readiness: true once the pools are warm, false again when shutdown begins. */
  setReady(ready: boolean): void;
}

/**
 * Assembles the HTTP server over an engine: a shutdown drain that lets running executions
 * finish (up to `shutdownTimeoutMs`) before connections close, the HTTP layer every route
 * shares, the public routes, the guarded API routes (see registerApiRoutes) and the page.
 */
export async function buildApp(
  config: ServerConfig,
  engine: Engine,
  logger: FastifyBaseLogger,
): Promise<BuiltApp> {
  const app = Fastify(fastifyOptions(config, logger));
  const metrics = new ServerMetrics(engine);
  const executions = new ExecutionService(
    engine,
    metrics,
    logger.child({ component: "executions" }),
  );
  const catalog = new LanguageCatalog(engine);
  const dataDir = ensureDataDir(config.dataDir);
  const submissions = new Submissions({
    config,
    dataDir,
    store: await openSubmissionStore(config, dataDir),
    engine,
    executions,
    catalog,
    logger: logger.child({ component: "submissions" }),
  });
  metrics.watchSubmissions(() => submissions.service.counts());
  app.addHook("onClose", () => submissions.close());
  let ready = false;

  registerShutdownDrain(app, {
    executions,
    submissions,
    timeoutMs: config.shutdownTimeoutMs,
    onClosing: () => {
      ready = false;
    },
  });
  await registerHttpLayer(app, config, metrics);
  await registerPublicRoutes(app, config, {
    engine,
    metrics,
    isAccepting: () => ready && !executions.draining,
  });
  await registerApiRoutes(app, { config, executions, catalog, submissions: submissions.service });
  await registerStaticFiles(
    app,
    config.staticDir === undefined ? defaultStaticDir() : config.staticDir,
  );

  return {
    app,
    executions,
    catalog,
    submissions,
    setReady: (value) => {
      ready = value;
    },
  };
}

/**
 * What every route shares, in this order: WebSocket support, JSON bodies, the central error
 * handler, security headers, request ids, the request-target and upgrade rules, CORS, and the
 * HTTP metrics.
 */
async function registerHttpLayer(
  app: FastifyInstance,
  config: ServerConfig,
  metrics: ServerMetrics,
): Promise<void> {
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
  registerRequestIdHeader(app);
  registerOriginFormOnly(app);
  registerUpgradeOnlyOnWebSocketRoutes(app);
  await registerCors(app, config.corsOrigins);
  registerHttpMetrics(app, metrics);
}

/** The routes open to anyone: probes, the OpenAPI document and (unless keyed) the metrics. */
async function registerPublicRoutes(
  app: FastifyInstance,
  config: ServerConfig,
  parts: { engine: Engine; metrics: ServerMetrics; isAccepting: () => boolean },
): Promise<void> {
  registerHealthRoutes(app, { engine: parts.engine, isAccepting: parts.isAccepting });
  registerOpenApiRoute(app, packageVersion());
  await registerMetricsRoute(app, parts.metrics, {
    apiKeys: config.apiKeys,
    public: config.metricsPublic,
    browserGuard: browserOriginGuardOptions(config),
  });
}
