import { spawn } from "node:child_process";
import { once } from "node:events";
import { openSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

const SERVER_DIR = fileURLToPath(new URL("../packages/server", import.meta.url));

async function freePort() {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address();
  server.close();
  return port;
}

/**
 * The server as it is deployed: `node dist/main.js` in its own process with its default
 * settings (logging on at `info`) plus `env`, on a free loopback port. Its log goes to
 * `logFile`; `nodeFlags` (e.g. --cpu-prof) go to its node; `serverDir` is the server package
 * whose dist/main.js runs (another build, to compare). Resolves once /readyz answers 200.
 */
export async function startServerProcess({
  env = {},
  logFile = "/dev/null",
  nodeFlags = [],
  serverDir = SERVER_DIR,
}) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const log = openSync(logFile, "w");
  const child = spawn(process.execPath, [...nodeFlags, `${serverDir}/dist/main.js`], {
    env: { ...process.env, WARMBOX_PORT: String(port), WARMBOX_HOST: "127.0.0.1", ...env },
    stdio: ["ignore", log, "ignore"],
  });
  const exited = once(child, "exit");
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    const status = await fetch(`${url}/readyz`).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) break;
    if (Date.now() > deadline)
      throw new Error(`the server is not ready: /readyz answers ${status}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const stop = async () => {
    if (child.exitCode === null) child.kill("SIGTERM");
    await exited;
  };
  return { url, pid: child.pid, stop };
}
