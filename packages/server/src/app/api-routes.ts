import type { FastifyInstance } from "fastify";
import type { ServerConfig } from "../config/config-schema.js";
import { defaultMaxConcurrentPerClient } from "../config/config-schema.js";
import type { ExecutionService } from "../execution/execution-service.js";
import type { LanguageCatalog } from "../execution/language-catalog.js";
import { registerApiKeyAuth } from "../http/api-key-auth.js";
import {
  browserOriginGuardOptions,
  registerBrowserOriginGuard,
} from "../http/browser-origin-guard.js";
import { registerConcurrencyLimit } from "../http/concurrency-limit.js";
import { FanOutLimits } from "../http/fan-out-limits.js";
import { registerRateLimit } from "../http/rate-limit.js";
import { registerShutdownGate } from "../http/shutdown-gate.js";
import { Judge0Api } from "../judge0/judge0-api.js";
import { registerJudge0Routes } from "../judge0/judge0-routes.js";
import { registerBatchRoute } from "../routes/batch-route.js";
import { registerExecuteRoute } from "../routes/execute-route.js";
import { registerJudgeRoutes } from "../routes/judge-routes.js";
import { registerLanguagesRoute } from "../routes/languages-route.js";
import { registerPistonRoutes } from "../routes/piston-routes.js";
import { registerRunSocketRoute } from "../routes/run-socket-route.js";
import { registerSubmissionRoutes } from "../routes/submission-routes.js";
import type { SubmissionService } from "../submissions/submission-service.js";

export interface ApiRoutesOptions {
  config: ServerConfig;
  executions: ExecutionService;
  catalog: LanguageCatalog;
  /** Submissions of the asynchronous APIs; a route's owner is `request.apiKeyId ?? ""`. */
  submissions: SubmissionService;
}

/**
 * Every API route (v1 with batch, judge and submissions, the interactive WebSocket, Piston v2, Judge0) in one encapsulated plugin whose
 * hooks guard all of them: the shutdown gate, the browser Host/Origin guard, the API key, the
 * per-client concurrency limit and the rate limit. The guards hang on the matched route, never
 * on the URL's spelling, and a route added here later is guarded by construction. A route that
 * runs code or reveals anything about the API belongs here.
 */
export async function registerApiRoutes(
  app: FastifyInstance,
  { config, executions, catalog, submissions }: ApiRoutesOptions,
): Promise<void> {
  await app.register(async (api) => {
    registerShutdownGate(api, () => executions.draining);
    registerBrowserOriginGuard(api, browserOriginGuardOptions(config));
    registerApiKeyAuth(api, config.apiKeys);
    const concurrency = registerConcurrencyLimit(
      api,
      config.maxConcurrentPerClient ?? defaultMaxConcurrentPerClient(config.pool.max),
    );
    const chargeRate = await registerRateLimit(api, config.rateLimitPerMinute);
    const limits = new FanOutLimits(concurrency, chargeRate);
    const { maxBodyBytes } = config;

    registerLanguagesRoute(api, catalog);
    registerExecuteRoute(api, { executions, maxBodyBytes });
    registerBatchRoute(api, { executions, limits, maxBodyBytes });
    registerJudgeRoutes(api, { executions, limits, maxBodyBytes });
    registerRunSocketRoute(api, { executions, maxBodyBytes });
    registerSubmissionRoutes(api, { submissions });
    await registerPistonRoutes(api, { executions, catalog, maxBodyBytes });
    await registerJudge0Routes(api, {
      api: new Judge0Api({ config, submissions, catalog }),
      atRoot: config.judge0Root,
      maxBodyBytes,
      workerSlots: config.maxSandboxes,
    });
  });
}
