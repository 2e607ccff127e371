import Dockerode from "dockerode";
import { describe, expect, it } from "vitest";
import type { Logger } from "../src/engine/engine-types.js";
import { EngineError } from "../src/errors/engine-errors.js";
import { testEngine } from "./helpers/test-engine.js";

const MIB = 1_048_576;

/** A logger that keeps its warnings. */
function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  const logger: Logger & { warnings: string[] } = {
    warnings,
    child: () => logger,
    debug: () => {},
    info: () => {},
    warn: (_obj, msg) => warnings.push(msg ?? ""),
    error: () => {},
  };
  return logger;
}

async function hostMemoryMib(): Promise<number> {
  const info = (await new Dockerode().info()) as { MemTotal: number };
  expect(info.MemTotal).toBeGreaterThan(0);
  return Math.floor(info.MemTotal / MIB);
}

/** An engine whose python pool may take `max` sandboxes of `memoryMb` each, none warm. */
function engineCommitting(memoryMb: number, logger?: Logger) {
  return testEngine({
    languages: ["python"],
    pool: { min: 0, max: 2 },
    defaultLimits: { memoryMb },
    maxLimits: { memoryMb },
    logger,
  });
}

describe("the sandboxes' memory against the Docker host's", () => {
  it("refuses to start when the pools could take more than the host has", async () => {
    const host = await hostMemoryMib();
    await using engine = engineCommitting(Math.ceil(host / 2) + 64);
    const failure = await engine.warmup().catch((error: unknown) => error);
    expect(EngineError.isInstance(failure)).toBe(true);
    expect((failure as EngineError).code).toBe("memory_overcommit");
    expect((failure as EngineError).name).toBe("MemoryOvercommitError");
    expect((failure as Error).message).toMatch(/more than the Docker host's \d+ MiB/);
  });

  it("warns above 80 % of the host and still starts", async () => {
    const host = await hostMemoryMib();
    const logger = recordingLogger();
    await using engine = engineCommitting(Math.floor((host * 0.9) / 2), logger);
    await engine.warmup();
    expect(logger.warnings).toContain(
      "the sandboxes may use more than 80 % of the Docker host's memory",
    );
  });

  it("maxSandboxes bounds what is counted: the same pools fit when fewer run at once", async () => {
    const host = await hostMemoryMib();
    const logger = recordingLogger();
    await using engine = testEngine({
      languages: ["python"],
      pool: { min: 0, max: 2 },
      maxSandboxes: 1,
      defaultLimits: { memoryMb: Math.ceil(host / 2) + 64 },
      maxLimits: { memoryMb: Math.ceil(host / 2) + 64 },
      logger,
    });
    await engine.warmup();
    expect(logger.warnings).not.toContain(
      "the sandboxes may use more than 80 % of the Docker host's memory",
    );
  });
});

describe("the engine-wide budget for buffered output", () => {
  it("a run starts only when its output caps fit beside the runs in flight", async () => {
    // Each run may buffer 2 × 65536 bytes: the budget holds two of them, not three. Three warm
    // sandboxes, so that only the budget (not a sandbox's start) orders the runs' starts.
    await using engine = testEngine({
      languages: ["python"],
      pool: { min: 3, max: 3 },
      maxLimits: { outputBytes: 65_536 },
      maxBufferedOutputBytes: 4 * 65_536,
    });
    await engine.warmup();
    const events: string[] = [];
    const runs = [0, 1, 2].map((index) =>
      engine
        .execute(
          {
            language: "python",
            source: "import time\ntime.sleep(1)\nprint('x' * 100000)\n",
            limits: { outputBytes: 65_536 },
          },
          { onStart: () => events.push(`start ${index}`) },
        )
        .then((result) => {
          events.push(`done ${index}`);
          return result;
        }),
    );
    const results = await Promise.all(runs);
    expect(results.map((result) => result.status)).toEqual([
      "output_limit",
      "output_limit",
      "output_limit",
    ]);
    const thirdStart = events.indexOf("start 2");
    const firstDone = events.findIndex((event) => event.startsWith("done"));
    expect(events.slice(0, 2).sort()).toEqual(["start 0", "start 1"]);
    expect(thirdStart).toBeGreaterThan(firstDone);
  });

  it("refuses options whose budget can't hold one run at maxLimits.outputBytes", () => {
    expect(() =>
      testEngine({ maxLimits: { outputBytes: MIB }, maxBufferedOutputBytes: 2 * MIB }),
    ).toThrow(/maxBufferedOutputBytes must hold one run at maxLimits.outputBytes/);
  });
});
