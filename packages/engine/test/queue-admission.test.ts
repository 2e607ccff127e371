import { describe, expect, it, vi } from "vitest";
import { EngineError } from "../src/errors/engine-errors.js";
import { testEngine } from "./helpers/test-engine.js";

/** Interactive stdin that sends one line only when `release()` is called. */
function heldStdin() {
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  async function* lines() {
    await released;
    yield "go\n";
  }
  return { stdin: lines(), release };
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  return EngineError.isInstance(error) ? error.code : `no engine error: ${String(error)}`;
}

const cases = [
  {
    full: "the pool's max",
    options: { languages: ["python"], pool: { min: 1, max: 1 } },
    queued: "python",
    printNext: "print('next')",
  },
  {
    full: "the engine's maxSandboxes",
    options: { languages: ["python", "javascript"], pool: { min: 1, max: 1 }, maxSandboxes: 1 },
    queued: "javascript",
    printNext: "console.log('next')",
  },
];

describe("admission to the sandboxes", () => {
  it.each(cases)(
    "with $full reached, an aborted queued request frees its place at once: queue depth drops, the next is admitted",
    async ({ options, queued, printNext }) => {
      await using engine = testEngine({ ...options, maxQueue: 1 });
      await engine.warmup();
      const poolOf = (language: string) =>
        engine.stats().pools.find((pool) => pool.language === language);

      // One run holds its sandbox until its stdin comes: no timing involved.
      const held = heldStdin();
      const holder = engine.execute(
        { language: "python", source: "print(input())", limits: { timeMs: 30_000 } },
        { stdin: held.stdin },
      );
      await vi.waitFor(() => expect(poolOf("python")?.busy).toBe(1));

      const controller = new AbortController();
      const aborted = engine.execute(
        { language: queued, source: printNext },
        { signal: controller.signal },
      );
      await vi.waitFor(() => expect(engine.stats().queued).toBe(1));
      expect(poolOf(queued)?.waiting).toBe(1);
      // The queue (maxQueue 1) is full.
      expect(await codeOf(engine.execute({ language: queued, source: "" }))).toBe("overloaded");

      controller.abort();
      // At once, while the holder still runs: the aborted request no longer counts.
      expect(engine.stats().queued).toBe(0);
      expect(poolOf(queued)?.waiting).toBe(0);
      expect(poolOf("python")?.busy).toBe(1);
      expect(await codeOf(aborted)).toBe("aborted");

      // Its place is free: the next request waits in the queue instead of being refused.
      const next = engine.execute({ language: queued, source: printNext });
      await vi.waitFor(() => expect(engine.stats().queued).toBe(1));

      held.release();
      expect((await holder).run?.stdout).toBe("go\n");
      const result = await next;
      expect(result.status).toBe("ok");
      expect(result.run?.stdout).toBe("next\n");
      expect(engine.stats().queued).toBe(0);
    },
  );
});
