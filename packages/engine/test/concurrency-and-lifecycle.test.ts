import { describe, expect, it } from "vitest";
import { EngineError } from "../src/errors/engine-errors.js";
import { busySandboxes, containersOf, testEngine } from "./helpers/test-engine.js";

const programs = [
  { language: "python", source: "import sys\nprint(int(sys.argv[1]) * 2)" },
  { language: "javascript", source: "console.log(Number(process.argv[2]) * 2)" },
  {
    language: "c",
    source:
      '#include <stdio.h>\n#include <stdlib.h>\nint main(int c, char **v){ printf("%d\\n", atoi(v[1]) * 2); }',
  },
  {
    language: "cpp",
    source:
      "#include <iostream>\n#include <string>\nint main(int c, char **v){ std::cout << std::stoi(v[1]) * 2 << std::endl; }",
  },
];

describe("concurrency and lifecycle", () => {
  it("20 executions across languages at once all return their own correct result", async () => {
    await using engine = testEngine({
      languages: ["python", "javascript", "c", "cpp"],
      pool: { min: 1, max: 2 },
    });
    const runs = Array.from({ length: 20 }, (_, i) => {
      const program = programs[i % programs.length];
      if (!program) throw new Error("no program");
      return engine.execute({ ...program, args: [String(i)] }).then((result) => ({ i, result }));
    });
    for (const { i, result } of await Promise.all(runs)) {
      expect(result.status, JSON.stringify(result)).toBe("ok");
      expect(result.run?.stdout).toBe(`${i * 2}\n`);
    }
  });

  it("a full queue answers OverloadedError at once, and every admitted run completes", async () => {
    await using engine = testEngine({
      languages: ["python"],
      pool: { min: 1, max: 1 },
      maxQueue: 2,
    });
    await engine.warmup();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 8 }, () =>
        engine.execute({
          language: "python",
          source: "import time\ntime.sleep(0.2)\nprint('done')",
        }),
      ),
    );
    const fulfilled = outcomes.filter((o) => o.status === "fulfilled");
    const rejected = outcomes.filter((o) => o.status === "rejected");
    // One running plus two waiting are admitted; the other five are refused.
    expect(fulfilled).toHaveLength(3);
    for (const outcome of fulfilled) expect(outcome.value.run?.stdout).toBe("done\n");
    for (const outcome of rejected) {
      expect(EngineError.isInstance(outcome.reason) && outcome.reason.code).toBe("overloaded");
    }
    expect(engine.stats().queued).toBe(0);
  });

  it("close() waits for running executions and leaves no container behind", async () => {
    const engine = testEngine({ languages: ["python", "c"], pool: { min: 2, max: 3 } });
    await engine.warmup();
    expect((await containersOf(engine.id)).length).toBeGreaterThanOrEqual(4);
    const running = engine.execute({
      language: "python",
      source: "import time\ntime.sleep(0.5)\nprint('finished')",
    });
    await expect
      .poll(() => busySandboxes(engine, "python"), { message: "the run to start" })
      .toBe(1);
    await engine.close();
    expect((await running).run?.stdout).toBe("finished\n");
    expect(await containersOf(engine.id)).toEqual([]);
    await engine.close(); // idempotent
    const error = await engine.execute({ language: "python", source: "" }).catch((e: unknown) => e);
    expect(EngineError.isInstance(error) && error.code).toBe("engine_closed");
  });

  it("pools grow under load up to max, and report it", async () => {
    await using engine = testEngine({ languages: ["python"], pool: { min: 1, max: 3 } });
    await engine.warmup();
    const runs = Array.from({ length: 6 }, () =>
      engine.execute({ language: "python", source: "import time\ntime.sleep(0.3)" }),
    );
    await expect
      .poll(() => {
        const [pool] = engine.stats().pools;
        return (pool?.busy ?? 0) + (pool?.starting ?? 0);
      })
      .toBeGreaterThanOrEqual(2);
    await Promise.all(runs);
    expect((await containersOf(engine.id)).length).toBeLessThanOrEqual(3);
  });

  it("languages() lists exact versions without starting a sandbox of a min-0 pool", async () => {
    await using engine = testEngine({ languages: ["python", "c"], pool: { min: 0, max: 1 } });
    const listed = await engine.languages();
    expect(listed.map((language) => language.id)).toEqual(["python", "c"]);
    for (const language of listed) expect(language.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(await containersOf(engine.id)).toEqual([]);
  });

  it("health() reports Docker and warm pools", async () => {
    await using engine = testEngine({ languages: ["python"], pool: { min: 1, max: 1 } });
    expect((await engine.health()).warm).toBe(false);
    await engine.warmup();
    expect(await engine.health()).toEqual({ docker: true, warm: true });
  });
});
