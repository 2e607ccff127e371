/**
 * The server's command: `node dist/main.js [--config file.json] [--port N] [--host H]`.
 * Reads the configuration (environment variables WARMBOX_*, an optional JSON file), starts,
 * and shuts down gracefully on SIGTERM or SIGINT (a second signal exits at once).
 */

import { readyBanner } from "./app/ready-banner.js";
import { startServer } from "./app/start-server.js";
import { ConfigError, loadConfig } from "./config/config.js";

/** Exit status of a configuration error (distinct from a crash). */
const EXIT_CONFIG = 2;

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(undefined, process.argv.slice(2));
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`warmbox: ${error.message}\n`);
      process.exit(EXIT_CONFIG);
    }
    throw error;
  }
  const server = await startServer(config);
  process.stderr.write(readyBanner(server, "Warmbox is ready."));
  // Builds may go on in the background; say where things are again once they end.
  void server.imagesSettled.then((languages) => {
    if (languages.length > 0) {
      process.stderr.write(readyBanner(server, "Every runner image has been built or tried."));
    }
  });
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      server.app.log.warn({ signal }, "second signal: exiting now");
      process.exit(1);
    }
    stopping = true;
    server.app.log.info({ signal }, "signal received: shutting down gracefully");
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        server.app.log.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `warmbox: failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
