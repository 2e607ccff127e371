import { describe, expect, it } from "vitest";
import { EngineError } from "../errors/engine-errors.js";
import { languageRegistry } from "../languages/registry.js";
import { DEFAULT_MAX_LIMITS } from "../request/limits.js";
import {
  DEFAULT_MAX_BUFFERED_OUTPUT_BYTES,
  DEFAULT_MAX_QUEUE,
  DEFAULT_MAX_SANDBOXES,
  DEFAULT_POOL_IDLE_TIMEOUT_MS,
  DEFAULT_POOL_MAX,
  DEFAULT_POOL_MIN,
  type EngineOptions,
  resolveEngineOptions,
} from "./engine-options.js";

const resolve = (options: EngineOptions) => resolveEngineOptions(options, languageRegistry);

function pathsOf(options: unknown): string[] {
  try {
    resolve(options as EngineOptions);
  } catch (error) {
    if (EngineError.isInstance(error) && error.code === "invalid_request") {
      return (error.details as Array<{ path: string }>).map((issue) => issue.path);
    }
    throw error;
  }
  throw new Error("the options were accepted");
}

describe("resolveEngineOptions", () => {
  it("fills every default", () => {
    const resolved = resolve({ languages: ["python"] });
    expect(resolved.pools.get("python")).toEqual({
      min: DEFAULT_POOL_MIN,
      max: DEFAULT_POOL_MAX,
      idleTimeoutMs: DEFAULT_POOL_IDLE_TIMEOUT_MS,
    });
    expect(resolved).toMatchObject({
      languages: ["python"],
      maxQueue: DEFAULT_MAX_QUEUE,
      maxSandboxes: DEFAULT_MAX_SANDBOXES,
      maxBufferedOutputBytes: DEFAULT_MAX_BUFFERED_OUTPUT_BYTES,
      exclusiveDaemon: false,
      templates: true,
    });
    expect(resolved.limits.max).toEqual(DEFAULT_MAX_LIMITS);
    expect(resolve({}).languages).toEqual(languageRegistry.all.map((spec) => spec.id));
  });

  it("takes a language's own pool sizes over the common ones, and keeps min within max", () => {
    const resolved = resolve({
      languages: ["py", "c"],
      pool: { min: 3, max: 6, perLanguage: { python: { max: 2 } } },
    });
    expect(resolved.languages).toEqual(["python", "c"]);
    expect(resolved.pools.get("python")).toMatchObject({ min: 2, max: 2 });
    expect(resolved.pools.get("c")).toMatchObject({ min: 3, max: 6 });
  });

  it.each([
    [{ pool: { max: 0 } }, "pool.max"],
    [{ pool: { min: 65 } }, "pool.min"],
    [
      { pool: { perLanguage: { python: { idleTimeoutMs: 10 } } } },
      "pool.perLanguage.python.idleTimeoutMs",
    ],
    [{ maxQueue: 100_001 }, "maxQueue"],
    [{ maxSandboxes: 0 }, "maxSandboxes"],
    [{ maxBufferedOutputBytes: 1_024 }, "maxBufferedOutputBytes"],
    [{ languages: [] }, "languages"],
    [{ languages: [""] }, "languages[0]"],
    [{ engineId: "a b" }, "engineId"],
    [{ logger: console.log }, "logger"],
    [{ maxLimits: { cpus: 0 } }, "maxLimits.cpus"],
    [{ poolSize: 2 }, "(engine options)"],
    [{ languages: ["klingon"] }, "languages"],
  ])("refuses %j naming %s", (options, path) => {
    expect(pathsOf(options)).toContain(path);
  });

  it("runs every language under runc unless told, and overrides the runtime per language", () => {
    expect(resolve({ languages: ["python", "c"] }).runtimes).toEqual(
      new Map([
        ["python", "runc"],
        ["c", "runc"],
      ]),
    );
    const mixed = resolve({
      languages: ["python", "c"],
      runtime: "runsc",
      runtimePerLanguage: { gcc: "runc" },
    });
    expect(mixed.runtimes).toEqual(
      new Map([
        ["python", "runsc"],
        ["c", "runc"],
      ]),
    );
  });

  it("names an unknown runtime or a runtime for an unknown language", () => {
    expect(pathsOf({ runtime: "kata" })).toEqual(["runtime"]);
    expect(pathsOf({ runtimePerLanguage: { python: "crun" } })).toEqual([
      "runtimePerLanguage.python",
    ]);
    expect(pathsOf({ runtimePerLanguage: { cobolt: "runsc" } })).toEqual([
      "runtimePerLanguage.cobolt",
    ]);
  });
});
