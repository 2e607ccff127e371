import { expect } from "vitest";
import { attack } from "./isolation-helpers.js";
import { isolationTest } from "./isolation-test.js";

/**
 * Memory bombs in runtimes added last (Bun, Deno, Janet, Gauche, CLISP, CHICKEN, m4): each grows off any heap limit of its own, in 1 MiB blocks it keeps, until the
 * sandbox's memory limit ends it as memory_limit (the cgroup's OOM count, not the runtime's own
 * error), under runc and gVisor alike; then no process of it is left and the language still runs.
 */
const BOMBS: Record<string, string> = {
  bun: "const kept: Buffer[] = [];\nfor (;;) kept.push(Buffer.alloc(1 << 20, 1));\n",
  deno: "const kept: Uint8Array[] = [];\nfor (;;) kept.push(new Uint8Array(1 << 20).fill(1));\n",
  janet: "(def kept @[])\n(forever (array/push kept (buffer/new-filled 1048576 1)))\n",
  gauche: "(let loop ((kept '())) (loop (cons (make-u8vector 1048576 1) kept)))\n",
  clisp:
    "(loop with kept = nil do (push (make-array 1048576 :element-type '(unsigned-byte 8) :initial-element 1) kept))\n",
  chicken: "(let loop ((kept '())) (loop (cons (make-string 1048576 #\\a) kept)))\n",
  m4: "define(`x', `x x')x\n",
};
const LANGUAGES = Object.keys(BOMBS);

const test = isolationTest({ languages: LANGUAGES, pool: { min: 0, max: 1 } });

for (const language of LANGUAGES) {
  test(`${language} memory bomb: memory_limit, nothing left`, async ({ engine, unharmed }) => {
    const result = await attack(engine, {
      language,
      source: BOMBS[language],
      limits: { memoryMb: 128, timeMs: 15_000, cpuMs: 15_000 },
    });
    expect(result.status, result.describe).toBe("memory_limit");
    await unharmed([language]);
  });
}
