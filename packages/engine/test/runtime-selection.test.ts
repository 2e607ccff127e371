import { afterAll, describe, expect, it } from "vitest";
import { EngineUnavailableError } from "../src/errors/engine-errors.js";
import { testEngine } from "./helpers/test-engine.js";

/**
 * Which runtime runs each language: an engine under gVisor (runsc) with one language left on
 * runc says so in languages(), runs both, and refuses the network to the gVisor one. Needs the
 * Docker runtime `runsc` (scripts/ensure-runsc, run by `npm test`'s set-up).
 */
const engine = testEngine({
  languages: ["python", "c"],
  runtime: "runsc",
  runtimePerLanguage: { c: "runc" },
  pool: { min: 0, max: 1 },
  maxLimits: { network: true },
});
afterAll(() => engine.close());

describe("runtime per language", () => {
  it("languages() names each language's runtime", async () => {
    const runtimes = Object.fromEntries(
      (await engine.languages()).map((info) => [info.id, info.runtime]),
    );
    expect(runtimes).toEqual({ python: "runsc", c: "runc" });
  });

  it("runs python under gVisor, whose kernel it sees", async () => {
    // gVisor reports its own kernel version (4.4.0) whatever the host runs.
    const result = await engine.execute({
      language: "python",
      source: "import platform\nprint(platform.release())",
    });
    expect(result.status, JSON.stringify(result)).toBe("ok");
    expect(result.run?.stdout).toBe("4.4.0\n");
  });

  it("refuses the network to a gVisor language, saying why, and not to a runc one", async () => {
    const request = { source: "", limits: { network: true } };
    await expect(engine.execute({ ...request, language: "python" })).rejects.toThrow(
      EngineUnavailableError,
    );
    await expect(engine.execute({ ...request, language: "python" })).rejects.toThrow(
      /gVisor \(runtime "runsc"\)/,
    );
  });
});
