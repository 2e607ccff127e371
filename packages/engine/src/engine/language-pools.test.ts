import pino from "pino";
import { describe, expect, it } from "vitest";
import { EngineError } from "../errors/engine-errors.js";
import { languageRecipe } from "../images/image-recipe.js";
import { languageRegistry } from "../languages/registry.js";
import { DEFAULT_RUN_LIMITS } from "../request/limits.js";
import type { ContainerRuntime } from "../sandbox/container-runtime.js";
import { LanguagePools } from "./language-pools.js";

const MIB = 1_048_576;

/** A pino logger that keeps the level and message of what it logs at warn and above. */
function recordingLogger() {
  const said: Array<{ level: string | undefined; msg: string }> = [];
  const logger = pino(
    { level: "warn" },
    {
      write: (line: string) => {
        const { level, msg } = JSON.parse(line) as { level: number; msg: string };
        said.push({ level: pino.levels.labels[level], msg });
      },
    },
  );
  return { logger, said };
}

/**
 * Pools of python 3.11 and C (GCC 12), 2 sandboxes of 256 MiB each at most, none warm, on a Docker host of
 * `hostMib` where only the images in `built` exist (a test adds to it as images "arrive").
 */
function poolsOn(hostMib: number, built: Set<string>) {
  const runtime = {
    imageExists: async (image: string) => built.has(image),
    hostMemoryBytes: async () => hostMib * MIB,
    checkRuntime: async () => {},
    readImageFile: async () => "1.0",
  } as unknown as ContainerRuntime;
  const { logger, said } = recordingLogger();
  const pools = new LanguagePools({
    registry: languageRegistry,
    languages: ["python@3.11", "c@12"],
    pools: new Map([
      ["python@3.11", { min: 0, max: 2, idleTimeoutMs: 60_000 }],
      ["c@12", { min: 0, max: 2, idleTimeoutMs: 60_000 }],
    ]),
    runtimes: new Map([
      ["python@3.11", "runc"],
      ["c@12", "runc"],
    ]),
    runLimits: { ...DEFAULT_RUN_LIMITS, memoryMb: 256 },
    engineId: "test",
    maxSandboxes: 16,
    maxQueue: 8,
    runtime,
    logger,
  });
  return { pools, said };
}

const imageOf = (key: string) => {
  const spec = languageRegistry.byKey(key);
  if (!spec) throw new Error(`no spec for ${key}`);
  return languageRecipe(spec).tag;
};

describe("LanguagePools: the memory check wherever the served set grows", () => {
  it("at start, refuses (MemoryOvercommitError) and serves nothing when the built pools don't fit", async () => {
    const { pools } = poolsOn(1_000, new Set([imageOf("python@3.11"), imageOf("c@12")]));
    const failure = await pools.serveBuilt().catch((error: unknown) => error);
    expect(EngineError.isInstance(failure) && failure.code).toBe("memory_overcommit");
    expect([...pools.served]).toEqual([]);
    await pools.close();
  });

  it("an image that arrives after start is served only if the pools still fit the host", async () => {
    // One pool (2 × 256 MiB) fits 1000 MiB; both (1024 MiB) don't.
    const built = new Set([imageOf("python@3.11")]);
    const { pools, said } = poolsOn(1_000, built);
    await pools.serveBuilt();
    expect([...pools.served]).toEqual(["python@3.11"]);

    built.add(imageOf("c@12"));
    expect(await pools.serveArrivals()).toEqual([]);
    expect([...pools.served]).toEqual(["python@3.11"]);
    expect(said).toContainEqual({
      level: "error",
      msg: expect.stringMatching(/^c@12 is not served: the sandboxes may use 1024 MiB, more than/),
    });
    await pools.close();
  });

  it("an arrival that takes the pools above 80 % of the host is served, with the warning", async () => {
    const built = new Set([imageOf("python@3.11")]);
    const { pools, said } = poolsOn(1_200, built);
    await pools.serveBuilt();
    expect(said).toEqual([expect.objectContaining({ level: "warn" })]); // c's image is missing
    built.add(imageOf("c@12"));
    expect(await pools.serveArrivals()).toEqual(["c@12"]);
    expect([...pools.served]).toEqual(["python@3.11", "c@12"]);
    expect(said.at(-1)).toEqual({
      level: "warn",
      msg: "the sandboxes may use more than 80 % of the Docker host's memory",
    });
    await pools.close();
  });
});
