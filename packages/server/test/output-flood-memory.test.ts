import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memoryOf, startServerProcess } from "../src/testing/server-process.js";
import { postJson } from "../src/testing/test-server.js";

/**
 * 20 programs at once, each trying to write 16 MiB on stdout and 16 MiB on stderr, through a real
 * server process on loopback: the server's peak resident memory (VmHWM, counted by the kernel)
 * stays under a fixed bound, because the engine keeps at most `outputBytes` of each stream and
 * the output of all runs in flight within its budget.
 */
const MIB = 1_048_576;
const RUNS = 20;
const FLOOD_BYTES = 16 * MIB;
/**
 * The bound: the server takes about 100 MiB at rest; 20 runs × 1 MiB × 2 streams, with the
 * copies of serialising them, stay far below it, while 20 × 32 MiB kept would pass 640 MiB.
 */
const PEAK_RSS_BOUND_BYTES = 256 * MIB;

const FLOODER = [
  "import sys",
  "block = 'f' * 65536",
  `for _ in range(${FLOOD_BYTES} // 65536):`,
  "    sys.stdout.write(block)",
  "    sys.stderr.write(block)",
].join("\n");

describe("a server under 20 concurrent output floods", () => {
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  let url: string;

  beforeAll(async () => {
    server = await startServerProcess({
      WARMBOX_LANGUAGES: "python",
      WARMBOX_POOL_MIN: "1",
      WARMBOX_POOL_MAX: "4",
      WARMBOX_MAX_QUEUE: String(RUNS),
      WARMBOX_RATE_LIMIT: "0",
      // One client sends all 20: the per-client limit (half the pool by default) must let them in.
      WARMBOX_MAX_CONCURRENT_PER_CLIENT: String(RUNS),
      WARMBOX_ENGINE_ID: `flood-test-${process.pid}-${Date.now()}`,
    });
    url = server.url;
  });

  afterAll(() => server?.stop());

  it("keeps the server's peak RSS under the bound, every run output_limit at exactly the cap", async () => {
    const pid = server.child.pid as number;
    const atRest = memoryOf(pid);
    const answers = await Promise.all(
      Array.from({ length: RUNS }, () =>
        postJson(`${url}/v1/execute`, {
          language: "python",
          source: FLOODER,
          // The default maximum: a request can't ask for more.
          limits: { outputBytes: MIB, timeMs: 20_000 },
        }),
      ),
    );
    const after = memoryOf(pid);
    console.info(
      `server RSS at rest ${(atRest.rss / MIB).toFixed(1)} MiB (peak so far ${(atRest.peak / MIB).toFixed(1)}), ` +
        `after the floods ${(after.rss / MIB).toFixed(1)} MiB, peak ${(after.peak / MIB).toFixed(1)} MiB ` +
        `(bound ${PEAK_RSS_BOUND_BYTES / MIB} MiB)`,
    );
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.body.status).toBe("output_limit");
      expect(Buffer.byteLength(answer.body.run.stdout)).toBe(MIB);
      expect(Buffer.byteLength(answer.body.run.stderr)).toBe(MIB);
    }
    expect(after.peak).toBeLessThan(PEAK_RSS_BOUND_BYTES);
  });

  it("refuses a request for more output than the 1 MiB default maximum", async () => {
    const answer = await postJson(`${url}/v1/execute`, {
      language: "python",
      source: FLOODER,
      limits: { outputBytes: FLOOD_BYTES },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe("limit_exceeded");
  }, 120_000);
});
