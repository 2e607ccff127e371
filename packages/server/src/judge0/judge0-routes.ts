import type { FastifyInstance } from "fastify";
import { mapError } from "../errors/error-answer.js";
import type { Judge0Api } from "./judge0-api.js";
import { Judge0Error } from "./judge0-errors.js";
import { registerJudge0InfoRoutes } from "./judge0-info-routes.js";
import { registerJudge0SubmissionRoutes } from "./judge0-submission-routes.js";

/** Where the Judge0 API lives; at the root too when the operator asks (see `judge0Root`). */
export const JUDGE0_PREFIX = "/judge0";

export interface Judge0RouteOptions {
  api: Judge0Api;
  /** Serve the API at the root as well, for clients that cannot add a path to a base URL. */
  atRoot: boolean;
  maxBodyBytes: number;
  /** Sandboxes that run submissions on this instance (`/workers`). */
  workerSlots: number;
}

/**
 * The Judge0 CE 1.13.1-compatible API: submissions (single, batch, list, delete), languages,
 * statuses, about, config_info and workers, with Judge0's shapes, status ids, units and error
 * bodies (`{ "error": "..." }`, 422 `{ field: [messages] }`), so a Judge0 client switches by
 * changing its base URL to `http://host:8080/judge0`. Auth: the API key in `X-Auth-Token`
 * (or any header the v1 API takes).
 *
 * @example
 * ```sh
 * curl -X POST 'http://localhost:8080/judge0/submissions?wait=true' \
 *   -H 'content-type: application/json' -d '{"language_id":71,"source_code":"print(1)"}'
 * ```
 */
export async function registerJudge0Routes(
  app: FastifyInstance,
  options: Judge0RouteOptions,
): Promise<void> {
  const prefixes = options.atRoot ? [JUDGE0_PREFIX, ""] : [JUDGE0_PREFIX];
  for (const prefix of prefixes) {
    await app.register(
      async (scope) => {
        scope.setErrorHandler((error, request, reply) => {
          if (Judge0Error.isInstance(error)) return reply.code(error.statusCode).send(error.body);
          const mapped = mapError(request, error, options.maxBodyBytes);
          return reply
            .code(mapped.statusCode)
            .headers(mapped.headers)
            .send({ error: mapped.message });
        });
        registerJudge0SubmissionRoutes(scope, options.api);
        registerJudge0InfoRoutes(scope, options);
      },
      { prefix },
    );
  }
}
