import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectFirstSchemaRowsKept } from "../../testing/submission-store-suite.js";
import { startTestPostgres, type TestPostgres } from "../../testing/test-postgres.js";
import { migratePostgres, POSTGRES_MIGRATIONS } from "./postgres-migrations.js";
import { PostgresSubmissionStore } from "./postgres-submission-store.js";

const FIRST_SCHEMA = POSTGRES_MIGRATIONS[0]?.name ?? "";

let postgres: TestPostgres;
beforeAll(async () => {
  postgres = await startTestPostgres();
});
afterAll(() => postgres?.stop());

async function withClient<T>(url: string, use: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const pool = new pg.Pool({ connectionString: url });
  const client = await pool.connect();
  try {
    return await use(client);
  } finally {
    client.release();
    await pool.end();
  }
}

describe("PostgreSQL schema migrations", () => {
  it("brings a database of the first schema, with its data, to the current one losing nothing", async () => {
    const url = await postgres.createDatabase();
    const work = JSON.stringify({ kind: "execute", request: { language: "python", source: "1" } });
    const outcome = JSON.stringify({
      kind: "error",
      error: { code: "aborted", message: "a\u0000b" },
    });
    const ids = {
      done: "11111111-1111-4111-8111-111111111111",
      running: "22222222-2222-4222-8222-222222222222",
      queued: "33333333-3333-4333-8333-333333333333",
    };
    // A database as the first release left it, with rows written in its columns.
    await withClient(url, async (client) => {
      await migratePostgres(client, FIRST_SCHEMA);
      const insert = `INSERT INTO submissions (id, owner, state, work, outcome, attempts, callback_url,
          callback_state, meta, created_at, started_at, finished_at, lease_owner, lease_until)
        VALUES ($1, 'alice', $2, $3, $4, $5, $6, $7, '{"language_id":71}', $8, $9, $10, $11, $12)`;
      const t = (ms: number) => new Date(ms);
      await client.query(insert, [
        ids.done,
        "done",
        work,
        outcome,
        1,
        "http://127.0.0.1:9/",
        "pending",
        t(1000),
        t(2000),
        t(3000),
        null,
        null,
      ]);
      await client.query(insert, [
        ids.running,
        "running",
        work,
        null,
        1,
        null,
        "none",
        t(1000),
        t(2000),
        null,
        "old-instance",
        t(4000),
      ]);
      await client.query(insert, [
        ids.queued,
        "queued",
        work,
        null,
        0,
        null,
        "none",
        t(1000),
        null,
        null,
        null,
        null,
      ]);
    });

    // Two servers start at once on the old database: one migrates, the other waits and finds
    // nothing left to do.
    const [store, other] = await Promise.all([
      PostgresSubmissionStore.open(url),
      PostgresSubmissionStore.open(url),
    ]);
    await Promise.all([store.migrate(), other.migrate()]);
    await store.migrate(); // idempotent
    await other.close();

    await withClient(url, async (client) => {
      const applied = await client.query("SELECT name FROM schema_migrations ORDER BY name");
      expect(applied.rows.map((row) => row.name)).toEqual(POSTGRES_MIGRATIONS.map((m) => m.name));
      const indexes = await client.query(
        "SELECT indexname FROM pg_indexes WHERE tablename = 'submissions'",
      );
      expect(indexes.rows.map((row) => row.indexname)).toEqual(
        expect.arrayContaining(["submissions_running_leases", "submissions_pending_callbacks"]),
      );
    });

    await expectFirstSchemaRowsKept(store, { id: ids.done, work, outcome });
  });
});
