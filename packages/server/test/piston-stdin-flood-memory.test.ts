import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memoryOf, startServerProcess } from "../src/testing/server-process.js";
import { pistonInit, pistonStdin, startPistonRun } from "../src/testing/test-server.js";

/**
 * A Piston WebSocket client (`/api/v2/connect`) sending stdin as fast as it can to a program that
 * never reads it, through a real server process on loopback: the server must not keep what the
 * program doesn't take. Its peak resident memory (VmHWM, counted by the kernel) stays under a
 * bound far below what was sent, and the client is told, as the native WebSocket's are.
 */
const MIB = 1_048_576;
/** What the client tries to send: twice the bound, in 1 MiB messages. */
const SENT_BYTES = 512 * MIB;
/** The server takes about 100 MiB at rest. */
const PEAK_RSS_BOUND_BYTES = 256 * MIB;

describe("a Piston WebSocket client flooding stdin", () => {
  let server: Awaited<ReturnType<typeof startServerProcess>>;

  beforeAll(async () => {
    server = await startServerProcess({
      WARMBOX_LANGUAGES: "python",
      WARMBOX_POOL_MIN: "1",
      WARMBOX_POOL_MAX: "1",
      WARMBOX_RATE_LIMIT: "0",
      WARMBOX_ENGINE_ID: `piston-stdin-test-${process.pid}-${Date.now()}`,
    });
  });

  afterAll(() => server?.stop());

  it("to a program that never reads it: the server keeps none of the excess, the client gets an error (was: all of it kept)", async () => {
    const pid = server.child.pid as number;
    const ws = await startPistonRun(
      server.url,
      pistonInit("python", "import time\ntime.sleep(20)\n", { run_timeout: 20_000 }),
    );
    await ws.next("runtime");
    const message = pistonStdin("x".repeat(MIB));
    let sent = 0;
    while (sent < SENT_BYTES && ws.socket.readyState === ws.socket.OPEN) {
      // Only what the server has taken: the client's own buffer stays small.
      while (ws.socket.bufferedAmount > 4 * MIB) await new Promise((r) => setTimeout(r, 5));
      ws.socket.send(message);
      sent += MIB;
    }
    const closed = await ws.closed;
    const peak = memoryOf(pid).peak;
    console.info(
      `sent ${sent / MIB} MiB of stdin; server peak RSS ${(peak / MIB).toFixed(1)} MiB (bound ${PEAK_RSS_BOUND_BYTES / MIB} MiB)`,
    );
    expect(peak).toBeLessThan(PEAK_RSS_BOUND_BYTES);
    expect(closed.code).toBe(4002);
    expect(ws.messages.find((m) => m.type === "error")?.message).toMatch(/stdin/);
  }, 120_000);
});
