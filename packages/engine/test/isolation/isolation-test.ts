import { test as base, expect } from "vitest";
import type { EngineOptions } from "../../src/engine/engine-types.js";
import { testEngine } from "../helpers/test-engine.js";
import { expectUnharmed, hostEscapees, sandboxUserProcesses } from "./isolation-helpers.js";

/**
 * The `test` of an isolation suite, with its fixtures:
 * - `hostBaseline`: the sandbox user's processes outside containers when the file started (so
 *   an escapee is told from what was there before); taken once per file, before the engine.
 * - `engine`: one engine per file with `options` and an id of its own, warmed up before the
 *   first test (under the hook timeout), closed after the last; the host holds no escapee then.
 * - `unharmed(languages)`: `expectUnharmed` for this engine and baseline.
 *
 * @example
 * const test = isolationTest({ languages: ["c"], pool: { min: 1, max: 1 } });
 * test("C fork bomb: timeout", async ({ engine, unharmed }) => {
 *   const result = await attack(engine, { language: "c", source: FORK_BOMB });
 *   expect(result.status, result.describe).toBe("timeout");
 *   await unharmed(["c"]);
 * });
 */
export function isolationTest(options: EngineOptions) {
  const test = base
    .extend("hostBaseline", { scope: "file" }, () =>
      sandboxUserProcesses().filter((process) => process.container === null),
    )
    .extend("engine", { scope: "file" }, ({ hostBaseline }, { onCleanup }) => {
      const engine = testEngine(options);
      onCleanup(async () => {
        await engine.close();
        expect(hostEscapees(hostBaseline)).toEqual([]);
      });
      return engine;
    })
    .extend(
      "unharmed",
      ({ engine, hostBaseline }) =>
        (languages: readonly string[]) =>
          expectUnharmed(engine, languages, hostBaseline),
    );
  test.beforeAll(({ engine }) => engine.warmup());
  return test;
}
