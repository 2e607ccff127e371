import { engineOptionsSchema } from "@warmbox/engine";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../config/config.js";
import { engineOptionsOf } from "./server-engine.js";

describe("engineOptionsOf", () => {
  it("hands the engine every engine option the configuration holds", () => {
    const config = loadConfig({
      WARMBOX_RUNTIME: "runsc",
      WARMBOX_MAX_QUEUE: "7",
      WARMBOX_DEFAULT_MEMORY_MB: "96",
    });
    const options = engineOptionsOf({ ...config, templates: false });
    expect(options.runtime).toBe("runsc");
    expect(options.templates).toBe(false);
    expect(options.maxQueue).toBe(7);
    expect(options.defaultLimits).toEqual({ memoryMb: 96 });
  });

  it("leaves out only what the server makes itself (the Docker client and the logger)", () => {
    const options = engineOptionsOf(loadConfig({}));
    const engineKeys = Object.keys(engineOptionsSchema.shape).filter(
      (key) => key !== "docker" && key !== "logger",
    );
    for (const key of Object.keys(options)) expect(engineKeys).toContain(key);
    expect(Object.keys(options)).toEqual(expect.arrayContaining(["runtime", "templates", "pool"]));
  });
});
