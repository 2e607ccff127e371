import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { postJson, waitFor } from "./testing/test-server.js";

const MAIN = fileURLToPath(new URL("../dist/main.js", import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

/** Containers (running or not) whose labels name this engine id. */
function containersOf(engineId: string): string[] {
  const output = execFileSync(
    "docker",
    ["ps", "-aq", "--filter", `label=dev.warmbox.engine=${engineId}`],
    {
      encoding: "utf8",
    },
  );
  return output.split("\n").filter((line) => line.trim() !== "");
}

describe("dist/main.js", () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    if (child && child.exitCode === null) child.kill("SIGKILL");
  });

  it("exits 2 with a message naming a bad variable", async () => {
    child = spawn(process.execPath, [MAIN], {
      env: { ...process.env, WARMBOX_PORT: "eighty" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr?.on("data", (chunk) => {
      stderr += chunk;
    });
    const [code] = await once(child, "exit");
    expect(code).toBe(2);
    expect(stderr).toMatch(/WARMBOX_PORT: expected an integer, got 'eighty'/);
  });

  it("on SIGTERM finishes the running executions, exits 0 and leaves no container", async () => {
    const port = await freePort();
    const engineId = `sigterm-test-${process.pid}-${Date.now()}`;
    child = spawn(process.execPath, [MAIN], {
      env: {
        ...process.env,
        WARMBOX_PORT: String(port),
        WARMBOX_HOST: "127.0.0.1",
        WARMBOX_LANGUAGES: "python",
        WARMBOX_POOL_MIN: "1",
        WARMBOX_POOL_MAX: "2",
        // Two runs from one address at once: above the default per-client limit of a pool of 2.
        WARMBOX_MAX_CONCURRENT_PER_CLIENT: "2",
        WARMBOX_ENGINE_ID: engineId,
        WARMBOX_STATIC_DIR: "none",
        WARMBOX_LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "ignore", "inherit"],
    });
    const url = `http://127.0.0.1:${port}`;
    await waitFor(
      async () =>
        (await fetch(`${url}/readyz`)
          .then((response) => response.status)
          .catch(() => 0)) === 200,
      60_000,
      "the server to be ready",
    );
    const runs = [0, 1].map((index) =>
      postJson(`${url}/v1/execute`, {
        language: "python",
        source: `import time\ntime.sleep(1.5)\nprint(${index})`,
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 400));
    const exited = once(child, "exit");
    child.kill("SIGTERM");
    const answers = await Promise.all(runs);
    for (const [index, answer] of answers.entries()) {
      expect(answer.status).toBe(200);
      expect(answer.body.run.stdout).toBe(`${index}\n`);
    }
    const [code] = await exited;
    expect(code).toBe(0);
    expect(containersOf(engineId)).toEqual([]);
  });
});
