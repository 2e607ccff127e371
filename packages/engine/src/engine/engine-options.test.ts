import { describe, expect, it } from "vitest";
import { EngineError } from "../errors/engine-errors.js";
import { languageKey } from "../languages/language-spec.js";
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
    expect(resolved.pools.get("python@3.13")).toEqual({
      min: DEFAULT_POOL_MIN,
      max: DEFAULT_POOL_MAX,
      idleTimeoutMs: DEFAULT_POOL_IDLE_TIMEOUT_MS,
    });
    expect(resolved).toMatchObject({
      languages: ["python@3.13"],
      maxQueue: DEFAULT_MAX_QUEUE,
      maxSandboxes: DEFAULT_MAX_SANDBOXES,
      maxBufferedOutputBytes: DEFAULT_MAX_BUFFERED_OUTPUT_BYTES,
      exclusiveDaemon: false,
      templates: true,
    });
    expect(resolved.limits.max).toEqual(DEFAULT_MAX_LIMITS);
    expect(resolve({}).languages).toEqual(languageRegistry.all.map(languageKey));
  });

  it("takes a language's own pool sizes over the common ones, and keeps min within max", () => {
    const resolved = resolve({
      languages: ["py", "c"],
      pool: { min: 3, max: 6, perLanguage: { python: { max: 2 } } },
    });
    // Keys of language versions: a name serves its language's newest version.
    expect(resolved.languages).toEqual(["python@3.13", "c@14"]);
    expect(resolved.pools.get("python@3.13")).toMatchObject({ min: 2, max: 2 });
    expect(resolved.pools.get("c@14")).toMatchObject({ min: 3, max: 6 });
  });

  it("serves the versions a semver range names, each with its language's pool sizes", () => {
    const resolved = resolve({
      languages: ["py@*", "java@17", "c@>=13"],
      pool: { perLanguage: { python: { max: 2 } } },
    });
    expect(resolved.languages).toEqual(["python@3.13", "python@3.11", "java@17", "c@14"]);
    expect(resolved.pools.get("python@3.11")).toMatchObject({ max: 2 });
    expect(pathsOf({ languages: ["python@2.x"] })).toContain("languages");
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
        ["python@3.13", "runc"],
        ["c@14", "runc"],
      ]),
    );
    const mixed = resolve({
      languages: ["python", "c"],
      runtime: "runsc",
      runtimePerLanguage: { gcc: "runc" },
    });
    expect(mixed.runtimes).toEqual(
      new Map([
        ["python@3.13", "runsc"],
        ["c@14", "runc"],
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
