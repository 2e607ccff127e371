import type { FastifyInstance } from "fastify";
import { HttpError } from "../errors/http-error.js";
import type { ExecutionService } from "../execution/execution-service.js";
import type { LanguageCatalog } from "../execution/language-catalog.js";
import { registerWebSocketRoute } from "../http/websocket-routes.js";
import { PistonConnectSession } from "../piston/piston-connect-session.js";
import {
  checkPistonRequest,
  toExecuteRequest,
  toPistonResponse,
  unknownPistonRuntime,
} from "../piston/piston-mapping.js";
import { findPistonRuntime, toPistonRuntime } from "../piston/piston-names.js";
import { disconnectSignal } from "./execute-route.js";

export interface PistonRouteOptions {
  executions: ExecutionService;
  catalog: LanguageCatalog;
  /** The largest stdin a socket may have waiting for its program (as the largest body). */
  maxBodyBytes: number;
}

/**
 * Piston v2 compatibility: `GET /api/v2/runtimes`, `POST /api/v2/execute` and the WebSocket
 * `GET /api/v2/connect` (PistonConnectSession) with Piston's language names, request and
 * response shapes, messages, close codes and `{ message }` errors, so existing Piston clients
 * and tools work unchanged. Bodies are parsed as JSON whatever their Content-Type says, because
 * common Piston clients send JSON as text/plain.
 *
 * @example
 * ```js
 * import piston from "piston-client";
 * const client = piston({ server: "http://localhost:8080" });
 * await client.execute("python", "print(1)"); // { language, version, run: { stdout: "1\n", ... } }
 * ```
 */
export async function registerPistonRoutes(
  app: FastifyInstance,
  options: PistonRouteOptions,
): Promise<void> {
  await app.register(async (scope) => {
    scope.addContentTypeParser("text/plain", { parseAs: "string" }, (_request, body, done) => {
      try {
        done(null, JSON.parse(body as string));
      } catch (error) {
        done(
          new HttpError({
            statusCode: 400,
            code: "invalid_request",
            message: `the body is not valid JSON: ${(error as Error).message}`,
          }),
          undefined,
        );
      }
    });

    scope.get("/api/v2/runtimes", async () => (await options.catalog.list()).map(toPistonRuntime));

    scope.post("/api/v2/execute", async (request, reply) => {
      const body = checkPistonRequest(request.body);
      const language = findPistonRuntime(await options.catalog.list(), body.language, body.version);
      if (!language) {
        throw unknownPistonRuntime(body.language, body.version);
      }
      if (!body.files.some((file) => !file.encoding || file.encoding === "utf8")) {
        throw new HttpError({
          statusCode: 400,
          code: "invalid_request",
          message: "files must include at least one utf8 encoded file",
        });
      }
      let output = "";
      const result = await options.executions.execute(toExecuteRequest(body, language), {
        signal: disconnectSignal(reply),
        onStdout: (chunk) => {
          output += chunk;
        },
        onStderr: (chunk) => {
          output += chunk;
        },
      });
      return toPistonResponse(result, output);
    });

    registerWebSocketRoute(scope, "/api/v2/connect", (socket, request) => {
      new PistonConnectSession(
        socket,
        options.executions,
        options.catalog,
        request,
        options.maxBodyBytes,
      );
    });
  });
}
