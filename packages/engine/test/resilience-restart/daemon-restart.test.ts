import { execFile } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, it, vi } from "vitest";
import { STUCK_CREATED_MS } from "../../src/reaper/container-reaper.js";
import { containersOf, docker, testEngine } from "../helpers/test-engine.js";

/**
 * The Docker daemon restarted under a running engine. This restarts the machine's real
 * daemon, which stops every container on it: it runs last and alone (its own vitest project,
 * started after the others by the package's `test` script).
 */
const run = promisify(execFile);
const ensureDocker = join(
  dirname(fileURLToPath(import.meta.url)),
  "../../../../scripts/ensure-docker",
);

it("in-flight runs end with internal_error, the engine reconnects, pools refill, next runs succeed", async () => {
  await using engine = testEngine({ languages: ["python"], pool: { min: 2, max: 2 } });
  await engine.warmup();
  const inFlight = [1, 2].map(() =>
    engine.execute({
      language: "python",
      source: "import time\ntime.sleep(60)",
      limits: { timeMs: 30_000 },
    }),
  );
  await new Promise((resolve) => setTimeout(resolve, 500));
  const restarted = Date.now();
  await run("pkill", ["-x", "dockerd"]);
  for (const result of await Promise.all(inFlight)) {
    expect(result.status, JSON.stringify(result)).toBe("internal_error");
  }
  // Never a hang: the runs ended long before their own limits.
  expect(Date.now() - restarted).toBeLessThan(20_000);
  const dockerdAlive = () =>
    run("pgrep", ["-x", "dockerd"]).then(
      () => true,
      () => false,
    );
  await expect.poll(dockerdAlive, { timeout: 30_000, interval: 100 }).toBe(false);
  await run("bash", [ensureDocker], { timeout: 120_000 });
  await docker.ping();

  // The engine reconnects by itself: the next executions succeed.
  const ok = await vi.waitFor(
    async () => {
      const result = await engine.execute({ language: "python", source: "print('back')" });
      expect(result.status).toBe("ok");
      return result;
    },
    { timeout: 60_000, interval: 100 },
  );
  expect(ok.run?.stdout).toBe("back\n");
  for (let i = 0; i < 3; i++) {
    const result = await engine.execute({ language: "python", source: `print(${i} * 7)` });
    expect(result.status).toBe("ok");
    expect(result.run?.stdout).toBe(`${i * 7}\n`);
  }
  // The pool refills to its minimum, and the containers the restart stopped are reaped: those
  // that exited at the next sweep, those whose start and removal failed while the daemon was
  // away (left "created") once they are older than STUCK_CREATED_MS.
  await expect
    .poll(async () => (await engine.health()).warm, { timeout: 30_000, interval: 100 })
    .toBe(true);
  await expect
    .poll(
      async () =>
        (await containersOf(engine.id)).every((container) => container.State === "running"),
      { timeout: STUCK_CREATED_MS + 30_000, interval: 500 },
    )
    .toBe(true);
}, 360_000);
