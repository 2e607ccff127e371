import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { vi } from "vitest";

/**
 * Helpers of the tests that measure a real server process (dist/main.js, so build first) by
 * what the kernel counts of it.
 */
const MAIN = fileURLToPath(new URL("../../dist/main.js", import.meta.url));

/** The kernel's count of a process's resident memory: now (VmRSS) and at its peak (VmHWM). */
export function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = (field: string) => Number(new RegExp(`\\n${field}:\\s+(\\d+) kB`).exec(status)?.[1]);
  const rss = kib("VmRSS");
  const peak = kib("VmHWM");
  if (!Number.isFinite(rss) || !Number.isFinite(peak)) throw new Error(`no VmRSS/VmHWM for ${pid}`);
  return { rss: rss * 1_024, peak: peak * 1_024 };
}

/** A TCP port of loopback that nothing listens on now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

/**
 * A server process on a free loopback port with `env` on top of this one's (a new data
 * directory unless `WARMBOX_DATA_DIR` is given), once ready.
 */
export async function startServerProcess(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      WARMBOX_PORT: String(port),
      WARMBOX_HOST: "127.0.0.1",
      WARMBOX_STATIC_DIR: "none",
      WARMBOX_LOG_LEVEL: "warn",
      WARMBOX_DATA_DIR: mkdtempSync(join(tmpdir(), "warmbox-data-")),
      ...env,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  await vi.waitFor(
    async () => {
      const status = await fetch(`${url}/readyz`).then(
        (response) => response.status,
        () => "no answer",
      );
      if (status !== 200) throw new Error(`the server is not ready: /readyz answers ${status}`);
    },
    { timeout: 120_000, interval: 100 },
  );
  const stop = async () => {
    if (child.exitCode !== null) return;
    child.kill("SIGTERM");
    await once(child, "exit");
  };
  return { child, url, stop };
}
