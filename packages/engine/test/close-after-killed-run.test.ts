import { describe, expect, it } from "vitest";
import { containersOf, testEngine } from "./helpers/test-engine.js";

/**
 * close() while a run is being killed: the killed run's sandbox is destroyed, and its pool must
 * not start a warm replacement for it once closing began. Once close() resolved, no container of
 * the engine exists, and none appears later (a start in flight would outlive the process).
 */
describe("close() while a run is killed", () => {
  it("leaves no container behind, now or a moment later", async () => {
    const engine = testEngine({ languages: ["python"], pool: { min: 1, max: 1 } });
    await engine.warmup();
    const controller = new AbortController();
    const running = engine.execute(
      { language: "python", source: "import time\ntime.sleep(20)", limits: { timeMs: 25_000 } },
      { signal: controller.signal },
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const closing = engine.close();
    controller.abort(new Error("killed while closing"));
    await running.catch(() => undefined);
    await closing;
    expect(engine.stats().pools[0]).toMatchObject({ idle: 0, busy: 0, starting: 0 });
    expect(await containersOf(engine.id)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expect(await containersOf(engine.id)).toEqual([]);
  });
});
