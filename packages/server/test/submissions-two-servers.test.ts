import { describe, expect, it } from "vitest";
import { startServerProcess } from "../src/testing/server-process.js";
import { startTestPostgres } from "../src/testing/test-postgres.js";
import type { Json } from "../src/testing/test-server.js";

const SUBMISSIONS = 200;

/** The sum of a counter's samples in a Prometheus text answer. */
function counterTotal(metrics: string, name: string): number {
  let total = 0;
  for (const line of metrics.split("\n")) {
    if (line.startsWith(`${name}{`) || line.startsWith(`${name} `)) {
      total += Number(line.slice(line.lastIndexOf(" ") + 1));
    }
  }
  return total;
}

/**
 * Two server processes on one PostgreSQL database share the work: submissions made on either
 * are run by whichever has a free sandbox, either answers for any of them, and each runs
 * exactly once. "Once" is read from what each engine ran (its executions counter, counted by
 * the execution service at every run, not by the store), summed over both servers: every
 * submission done with its own output and 200 executions in all leaves no room for a double
 * run. Needs dist/ (npm run build) and the PostgreSQL server of the test set-up.
 */
describe("two servers on one PostgreSQL database", () => {
  it(`runs ${SUBMISSIONS} submissions spread across them, each exactly once`, async () => {
    await using postgres = await startTestPostgres();
    const databaseUrl = await postgres.createDatabase();
    const env = {
      WARMBOX_DATABASE_URL: databaseUrl,
      WARMBOX_CALLBACK_SECRET: "two-servers-secret-0123456789abcdef0123",
      WARMBOX_LANGUAGES: "python",
      WARMBOX_POOL_MIN: "1",
      WARMBOX_POOL_MAX: "2",
      WARMBOX_MAX_SANDBOXES: "2",
      WARMBOX_SUBMISSION_POLL_MS: "100",
      WARMBOX_RATE_LIMIT: "0",
      WARMBOX_MAX_CONCURRENT_PER_CLIENT: "0",
    };
    const servers = [await startServerProcess(env), await startServerProcess(env)];
    try {
      const [a, b] = servers as [(typeof servers)[0], (typeof servers)[0]];
      const ids: string[] = [];
      for (let start = 0; start < SUBMISSIONS; start += 20) {
        const batch = Array.from({ length: 20 }, (_, offset) => start + offset);
        const created = await Promise.all(
          batch.map(async (index) => {
            const server = index % 2 === 0 ? a : b;
            const response = await fetch(`${server.url}/v1/submissions`, {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify({
                kind: "execute",
                request: { language: "python", source: `print("submission ${index}")` },
              }),
            });
            expect(response.status).toBe(202);
            return ((await response.json()) as Json).id as string;
          }),
        );
        ids.push(...created);
      }

      const done = async () =>
        counterTotal(
          await (await fetch(`${a.url}/metrics`)).text(),
          'warmbox_submissions{state="done"}',
        );
      await expect.poll(done, { timeout: 240_000, interval: 500 }).toBe(SUBMISSIONS);

      // Each read from the server it was not made on: any instance answers for any submission.
      for (const [index, id] of ids.entries()) {
        const other = index % 2 === 0 ? b : a;
        const answer = (await (await fetch(`${other.url}/v1/submissions/${id}`)).json()) as Json;
        expect(answer, `submission ${index}`).toMatchObject({
          state: "done",
          attempts: 1,
          result: { status: "ok", run: { stdout: `submission ${index}\n` } },
        });
      }
      const executions = await Promise.all(
        servers.map(async (server) =>
          counterTotal(
            await (await fetch(`${server.url}/metrics`)).text(),
            "warmbox_executions_total",
          ),
        ),
      );
      const [onA = 0, onB = 0] = executions;
      expect(onA + onB).toBe(SUBMISSIONS);
      expect(onA).toBeGreaterThan(0);
      expect(onB).toBeGreaterThan(0);
    } finally {
      await Promise.all(servers.map((server) => server.stop()));
    }
  }, 400_000);
});
