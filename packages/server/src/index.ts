/**
 * @warmbox/server: the HTTP API over @warmbox/engine (v1 + Piston-compatible), with streaming
 * and interactive runs, API keys, rate limits, backpressure and metrics.
 *
 * @example
 * ```ts
 * import { loadConfig, startServer } from "@warmbox/server";
 * const server = await startServer(loadConfig(process.env));
 * console.log(`listening on ${server.url}`);
 * ```
 */

export type { RunningServer, StartServerOptions } from "./app/start-server.js";
export { startServer } from "./app/start-server.js";
export { ConfigError, loadConfig } from "./config/config.js";
export type { ServerConfig, ServerConfigInput } from "./config/config-schema.js";
export { serverConfigSchema } from "./config/config-schema.js";
