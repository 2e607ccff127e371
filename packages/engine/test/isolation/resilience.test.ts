import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it, vi } from "vitest";
import { LABEL_ENGINE, LABEL_MANAGED } from "../../src/engine/container-labels.js";
import { imageRecipe } from "../../src/images/image-recipe.js";
import { containersOf, docker, testEngine } from "../helpers/test-engine.js";
import { attack, expectUnharmed } from "./isolation-helpers.js";

/**
 * Resilience, for real: engines that die by SIGKILL, containers killed or removed under a
 * running job, and bombs beside ordinary work. (The Docker daemon restart is in
 * test/resilience-restart/, run last and alone.)
 */
const here = dirname(fileURLToPath(import.meta.url));
// The built library (`npm test` builds before testing): a child process can't import TypeScript.
const builtEngine = pathToFileURL(join(here, "../../dist/index.js")).href;

describe("an engine killed with SIGKILL", () => {
  it("leaves labelled containers that the next engine removes, and a container without labels is never touched", async () => {
    const deadId = `test-dead-${randomBytes(4).toString("hex")}`;
    const script = [
      `const { createEngine } = await import(${JSON.stringify(builtEngine)});`,
      `const engine = createEngine({ engineId: ${JSON.stringify(deadId)}, languages: ["python"], pool: { min: 2, max: 2 } });`,
      "await engine.warmup();",
      "process.stdout.write('ready\\n');",
      "setInterval(() => {}, 1000);",
    ].join("\n");
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (data: Buffer) => data.toString().includes("ready") && resolve());
      child.on("exit", (code) =>
        reject(new Error(`the child engine exited (${code}) before it was warm`)),
      );
    });
    child.kill("SIGKILL");
    await new Promise((resolve) => child.on("exit", resolve));
    expect((await containersOf(deadId)).length).toBe(2);

    // A container of someone else, from the same image, carrying no Warmbox label.
    const stranger = await docker.createContainer({
      Image: imageRecipe("python").tag,
      Cmd: ["sleep", "infinity"],
      Labels: { "dev.example.not-warmbox": "true" },
      HostConfig: { NetworkMode: "none", AutoRemove: false },
    });
    try {
      await stranger.start();
      await using engine = testEngine({ languages: ["python"], pool: { min: 1, max: 1 } });
      await engine.warmup();
      expect(await containersOf(deadId)).toEqual([]);
      const info = await stranger.inspect();
      expect(info.State.Running).toBe(true);
      expect(info.Config.Labels[LABEL_MANAGED]).toBeUndefined();
      await expectUnharmed(engine, ["python"]);
      expect((await stranger.inspect()).State.Running).toBe(true);
    } finally {
      await stranger.remove({ force: true });
    }
  });
});

describe("an engine that owns its daemon (exclusiveDaemon, as the server in compose or ECS)", () => {
  it("removes Warmbox containers left by an engine of another host, and nothing else", async () => {
    const labels = {
      [LABEL_MANAGED]: "true",
      [LABEL_ENGINE]: `test-other-host-${randomBytes(4).toString("hex")}`,
      "dev.warmbox.engine-host": "a-crashed-server-container",
      "dev.warmbox.engine-pid": "1",
    };
    const start = async (containerLabels: Record<string, string>) => {
      const container = await docker.createContainer({
        Image: imageRecipe("python").tag,
        Cmd: ["sleep", "infinity"],
        Labels: containerLabels,
        HostConfig: { NetworkMode: "none", AutoRemove: false },
      });
      await container.start();
      return container;
    };
    const leftover = await start(labels);
    const stranger = await start({ "dev.example.not-warmbox": "true" });
    try {
      await using engine = testEngine({
        languages: ["python"],
        pool: { min: 1, max: 1 },
        exclusiveDaemon: true,
      });
      await engine.warmup();
      await expect(leftover.inspect()).rejects.toMatchObject({ statusCode: 404 });
      expect((await stranger.inspect()).State.Running).toBe(true);
    } finally {
      await leftover.remove({ force: true }).catch(() => {});
      await stranger.remove({ force: true });
    }
  });
});

/** The container serving this engine's only running job. */
async function busyContainer(engineId: string): Promise<string> {
  const container = await vi.waitFor(
    async () => {
      const [only, ...others] = await containersOf(engineId);
      if (!only || others.length > 0) throw new Error("not exactly one container");
      return only;
    },
    { timeout: 5_000, interval: 100 },
  );
  expect(container.Labels[LABEL_ENGINE]).toBe(engineId);
  return container.Id;
}

describe("a container killed or removed from outside", () => {
  for (const how of ["killed", "removed"] as const) {
    it(`${how} in the middle of a run: that run is internal_error, the pool heals, the next run is ok`, async () => {
      await using engine = testEngine({ languages: ["python"], pool: { min: 1, max: 1 } });
      await engine.warmup();
      const id = await busyContainer(engine.id);
      const running = engine.execute({
        language: "python",
        source: "import time\nprint('started', flush=True)\ntime.sleep(30)",
        limits: { timeMs: 20_000 },
      });
      await new Promise((resolve) => setTimeout(resolve, 400));
      const started = Date.now();
      if (how === "killed") await docker.getContainer(id).kill();
      else await docker.getContainer(id).remove({ force: true });
      const result = await running;
      expect(result.status, JSON.stringify(result)).toBe("internal_error");
      expect(Date.now() - started).toBeLessThan(5_000);
      await expectUnharmed(engine, ["python"]);
      const after = await containersOf(engine.id);
      expect(after.map((container) => container.Id)).not.toContain(id);
      expect(after.length).toBeLessThanOrEqual(1);
    });
  }

  it("killed while idle in the pool: the next run is ok, not an engine fault", async () => {
    await using engine = testEngine({ languages: ["python"], pool: { min: 1, max: 1 } });
    await engine.warmup();
    const id = await busyContainer(engine.id);
    await docker.getContainer(id).kill();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const result = await attack(engine, { language: "python", source: "print('fine')" });
    expect(result.status, result.describe).toBe("ok");
    expect(result.run?.stdout).toBe("fine\n");
    // The pool replaced it on its own.
    await expect
      .poll(() => engine.stats().pools[0]?.idle ?? 0, { timeout: 30_000, interval: 100 })
      .toBe(1);
  });
});

describe("noisy neighbours", () => {
  it("ordinary runs beside fork, memory and CPU bombs all return their correct results", async () => {
    await using engine = testEngine({
      languages: ["python", "c", "javascript"],
      pool: { min: 1, max: 3 },
    });
    await engine.warmup();
    const bombs = [
      engine.execute({
        language: "c",
        source: "#include <unistd.h>\nint main(void) { for (;;) fork(); }",
        limits: { timeMs: 2_000 },
      }),
      engine.execute({
        language: "python",
        source: "keep = []\nwhile True:\n    keep.append(bytearray(16 << 20))\n",
        limits: { memoryMb: 64, timeMs: 4_000 },
      }),
      engine.execute({
        language: "c",
        source: [
          "#include <pthread.h>",
          "static void *spin(void *a) { for (;;) {} return a; }",
          "int main(void) { pthread_t t; for (int i = 0; i < 7; i++) pthread_create(&t, 0, spin, 0); spin(0); }",
        ].join("\n"),
        limits: { timeMs: 2_500, cpus: 1 },
      }),
    ];
    const ordinary = Array.from({ length: 9 }, (_, i) =>
      i % 2
        ? engine.execute({
            language: "javascript",
            source: "console.log(Number(process.argv[2]) ** 2)",
            args: [String(i)],
          })
        : engine.execute({
            language: "python",
            source: "import sys\nprint(int(sys.argv[1]) ** 2)",
            args: [String(i)],
          }),
    );
    const results = await Promise.all(ordinary);
    for (const [i, result] of results.entries()) {
      expect(result.status, JSON.stringify(result)).toBe("ok");
      expect(result.run?.stdout).toBe(`${i * i}\n`);
    }
    const [fork, memory, cpu] = await Promise.all(bombs);
    expect(fork?.status).toBe("timeout");
    expect(memory?.status).toBe("memory_limit");
    expect(cpu?.status).toBe("timeout");
    await expectUnharmed(engine, ["python", "c", "javascript"]);
  });
});
