import { describe, expect, it } from "vitest";
import { executeRequestSchema, MAX_FILES } from "./execute-request.js";

/** The least time, in ms, of a few parses (the least is the one the machine's load spared). */
function leastParseMs(body: unknown): number {
  let least = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    expect(executeRequestSchema.safeParse(body).success).toBe(true);
    least = Math.min(least, performance.now() - started);
  }
  return least;
}

/**
 * Validation runs on the server's event loop, before any queue: its cost must grow with the
 * body's size, not with files × path depth × name length. A 1 MiB body of MAX_FILES deep paths
 * (`a/a/a/…/f1`) must cost about what the same bytes in shallow paths cost; a quadratic check
 * (every prefix of every path looked up in a set) blocks the server for seconds per request.
 */
describe("validating a request costs in proportion to its size", () => {
  const files = (name: (index: number) => string) => ({
    language: "python",
    files: Array.from({ length: MAX_FILES }, (_, index) => ({ name: name(index), content: "" })),
  });
  const shallow = files((index) =>
    [`${index}`.padEnd(255, "a"), "b".repeat(250), "c".repeat(250), "d".repeat(250)].join("/"),
  );
  const deep = files((index) => `${"a/".repeat(505)}f${index}`.slice(0, 1_010) + index);

  it("deep paths cost no more than ten times shallow paths of the same size", () => {
    expect(JSON.stringify(deep).length).toBeLessThanOrEqual(JSON.stringify(shallow).length * 1.1);
    leastParseMs(shallow); // warm the JIT for both
    const shallowMs = leastParseMs(shallow);
    const deepMs = leastParseMs(deep);
    expect(deepMs).toBeLessThan(10 * Math.max(shallowMs, 5));
  });
});
