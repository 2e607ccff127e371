import { afterAll, describe, expect, it } from "vitest";
import { EngineError } from "../src/errors/engine-errors.js";
import type { ExecuteResult } from "../src/request/execute-result.js";
import { testEngine } from "./helpers/test-engine.js";

const engine = testEngine({ languages: ["python", "javascript"], pool: { min: 1, max: 2 } });
afterAll(() => engine.close());

describe("streaming, cancellation and interactive stdin", () => {
  it("streams stdout and stderr chunks while the program runs", async () => {
    const seen: Array<[string, string, number]> = [];
    const started = Date.now();
    const result = await engine.execute(
      {
        language: "python",
        source:
          "import sys, time\nprint('first')\ntime.sleep(0.6)\nprint('oops', file=sys.stderr)\ntime.sleep(0.2)\nprint('second')",
      },
      {
        onStdout: (chunk) => seen.push(["out", chunk, Date.now() - started]),
        onStderr: (chunk) => seen.push(["err", chunk, Date.now() - started]),
      },
    );
    expect(result.status).toBe("ok");
    // Chunk boundaries are the program's writes (print writes text and newline apart); the
    // order of the streams is what must hold.
    const runs: string[] = [];
    let previous = "";
    for (const [stream, chunk] of seen) {
      if (stream === previous) runs[runs.length - 1] += chunk;
      else runs.push(`${stream}:${chunk}`);
      previous = stream;
    }
    expect(runs).toEqual(["out:first\n", "err:oops\n", "out:second\n"]);
    // The first chunk came before the program ended, not with the result.
    const firstAt = seen[0]?.[2] ?? Number.POSITIVE_INFINITY;
    const lastAt = seen.at(-1)?.[2] ?? 0;
    expect(lastAt - firstAt).toBeGreaterThanOrEqual(400);
  });

  it("never splits a UTF-8 character between chunks", async () => {
    let text = "";
    await engine.execute(
      { language: "python", source: "import sys\nfor _ in range(3000): sys.stdout.write('é✓')" },
      {
        onStdout: (chunk) => {
          text += chunk;
        },
      },
    );
    expect(text).toBe("é✓".repeat(3000));
  });

  it("an AbortSignal kills a running program", async () => {
    const controller = new AbortController();
    const pending = engine.execute(
      { language: "python", source: "import time\nprint('up', flush=True)\ntime.sleep(60)" },
      { signal: controller.signal, onStdout: () => controller.abort() },
    );
    const result: ExecuteResult = await pending;
    expect(result.status).toBe("runtime_error");
    expect(result.run?.signal).toBe("SIGKILL");
    expect(result.message).toContain("killed on request");
    expect(result.run?.wallMs).toBeLessThan(10_000);
  });

  it("an AbortSignal that fired before the start throws AbortedError", async () => {
    const error = await engine
      .execute({ language: "python", source: "print(1)" }, { signal: AbortSignal.abort() })
      .catch((e: unknown) => e);
    expect(EngineError.isInstance(error) && error.code).toBe("aborted");
  });

  it("interactive stdin: answers arrive while the program runs", async () => {
    const answers = ["Ada", "Grace", "quit"];
    const replies: string[] = [];
    let wake: (() => void) | undefined;
    async function* typed() {
      for (const answer of answers) {
        // Wait until the program has asked before typing the answer, like a person would.
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        yield `${answer}\n`;
      }
    }
    const result = await engine.execute(
      {
        language: "python",
        source:
          "while True:\n    name = input('name? ')\n    if name == 'quit': break\n    print('hello', name)\n",
      },
      {
        stdin: typed(),
        onStdout: (chunk) => {
          replies.push(chunk);
          if (chunk.includes("name?")) wake?.();
        },
      },
    );
    expect(result.status).toBe("ok");
    expect(result.run?.stdout).toBe("name? hello Ada\nname? hello Grace\nname? ");
  });
});
