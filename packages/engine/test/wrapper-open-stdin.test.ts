import { afterAll, describe, expect, it } from "vitest";
import { testEngine } from "./helpers/test-engine.js";

/**
 * A program that ends ends its run, even while an interactive stdin stays open (a WebSocket
 * client that hasn't closed its input). The PARI/GP and m4 wrappers (images/math-macros) once
 * piped stdin through `cat`, and the shell waited for `cat`, blocked on the open stdin, until
 * the wall-clock limit; they hand stdin over directly now (the program's pipes are the sandbox
 * user's, so /dev/stdin opens). C is the control: the same open stdin, its run ends with it.
 */
const engine = testEngine({ languages: ["pari-gp", "m4", "c"], pool: { min: 0, max: 1 } });
afterAll(() => engine.close());

const PROGRAMS: Record<string, string> = {
  "pari-gp": 'print("done");',
  m4: "done\n",
  c: '#include <stdio.h>\nint main(void) { puts("done"); return 0; }\n',
};

/** Runs `language`'s program with an interactive stdin that stays open until the run is over. */
async function runWithOpenStdin(language: string) {
  let runOver = () => {};
  const over = new Promise<void>((resolve) => {
    runOver = resolve;
  });
  // never a byte, and no end until the run returned
  const openStdin: AsyncIterable<string> = {
    [Symbol.asyncIterator]: () => ({
      next: async () => {
        await over;
        return { done: true, value: undefined };
      },
    }),
  };
  try {
    return await engine.execute(
      { language, source: PROGRAMS[language], limits: { timeMs: 3_000 } },
      { stdin: openStdin },
    );
  } finally {
    runOver();
  }
}

describe("a run with stdin still open", () => {
  it("C: ends when the program ends", async () => {
    const result = await runWithOpenStdin("c");
    expect(result.status, JSON.stringify(result)).toBe("ok");
    expect(result.run?.stdout).toBe("done\n");
  });

  for (const language of ["pari-gp", "m4"]) {
    it(`${language}: ends when the program ends, not at the wall-clock limit`, async () => {
      const result = await runWithOpenStdin(language);
      expect(result.status, JSON.stringify(result)).toBe("ok");
      expect(result.run?.stdout).toBe("done\n");
    });
  }
});
