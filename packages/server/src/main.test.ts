import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { startServerProcess } from "./testing/server-process.js";
import { postJson } from "./testing/test-server.js";

const MAIN = fileURLToPath(new URL("../dist/main.js", import.meta.url));

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
    const engineId = `sigterm-test-${process.pid}-${Date.now()}`;
    const server = await startServerProcess({
      WARMBOX_LANGUAGES: "python",
      WARMBOX_POOL_MIN: "1",
      WARMBOX_POOL_MAX: "2",
      // Two runs from one address at once: above the default per-client limit of a pool of 2.
      WARMBOX_MAX_CONCURRENT_PER_CLIENT: "2",
      WARMBOX_ENGINE_ID: engineId,
    });
    child = server.child;
    const url = server.url;
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
