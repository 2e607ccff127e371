import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from "fastify";
import type { ServerConfig } from "../config/config-schema.js";
import { sendError } from "../errors/error-handler.js";
import { HttpError } from "../errors/http-error.js";
import { answerClientError } from "../http/client-error-answer.js";
import { requestIdOf } from "../http/request-id.js";
import { OneLineRequestLog } from "./request-log.js";

/** Node's default time for a request's line and headers. */
const HEADERS_TIMEOUT_MS = 60_000;

/**
 * The Fastify instance's own settings: body limit, proxies, request ids, timeouts, and how a
 * closing server and a malformed request are answered.
 */
export function fastifyOptions(config: ServerConfig, logger: FastifyBaseLogger) {
  return {
    loggerInstance: logger,
    logController: new OneLineRequestLog(),
    bodyLimit: config.maxBodyBytes,
    // Fastify takes a hop count too; its types do not say so.
    trustProxy: config.trustProxy as boolean,
    requestIdHeader: "x-request-id",
    genReqId: requestIdOf,
    // A closing server answers in the API's error shape (docs/api.md) (the shutdown gate), not
    // Fastify's.
    return503OnClosing: false,
    // Shutdown drains executions and open answers first (registerShutdownDrain); whatever
    // connection is left then (idle keep-alive, a client that went half-away) is closed, not
    // waited for.
    forceCloseConnections: true,
    routerOptions: { ignoreTrailingSlash: true },
    clientErrorHandler: answerClientError,
    // A path Fastify can't decode (a broken percent-escape) is the client's error, answered in
    // the API's shape like any other.
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) =>
      sendError(
        request,
        reply,
        new HttpError({
          statusCode: 400,
          code: "invalid_request",
          message: `the request can't be read: ${error.message}`,
        }),
        config.maxBodyBytes,
      ),
    // Node's default is 300 s, but Fastify turns it off; 408 (answerClientError) once it passes.
    requestTimeout: config.requestTimeoutMs,
    http: {
      headersTimeout: Math.min(HEADERS_TIMEOUT_MS, config.requestTimeoutMs),
      // How often Node looks for expired requests: a fraction of the timeout, so it holds.
      connectionsCheckingInterval: Math.min(30_000, Math.ceil(config.requestTimeoutMs / 4)),
    },
  };
}
