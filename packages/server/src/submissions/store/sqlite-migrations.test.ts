import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "libsql";
import { afterEach, describe, expect, it } from "vitest";
import { expectFirstSchemaRowsKept } from "../../testing/submission-store-suite.js";
import { migrateSqlite, SQLITE_MIGRATIONS } from "./sqlite-migrations.js";
import { SQLITE_FILE_NAME, SqliteSubmissionStore } from "./sqlite-submission-store.js";

const FIRST_SCHEMA = SQLITE_MIGRATIONS[0]?.name ?? "";

describe("SQLite schema migrations", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("brings a database of the first schema, with its data, to the current one losing nothing", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "warmbox-sqlite-migrate-"));
    dirs.push(dataDir);

    // A database as the first release left it, with rows written in its columns.
    const old = new Database(join(dataDir, SQLITE_FILE_NAME));
    await migrateSqlite(old, FIRST_SCHEMA);
    const insert = old.prepare(
      `INSERT INTO submissions (id, owner, state, work, outcome, attempts, callback_url, callback_state,
         callback_attempts, meta, created_at, started_at, finished_at, lease_owner, lease_until)
       VALUES (@id, 'alice', @state, @work, @outcome, @attempts, @callback_url, @callback_state, 0,
         '{"language_id":71}', 1000, @started_at, @finished_at, @lease_owner, @lease_until)`,
    );
    const work = JSON.stringify({ kind: "execute", request: { language: "python", source: "1" } });
    const outcome = JSON.stringify({ kind: "error", error: { code: "aborted", message: "m" } });
    const rows = {
      done: {
        id: "11111111-1111-4111-8111-111111111111",
        state: "done",
        outcome,
        attempts: 1,
        callback_url: "http://127.0.0.1:9/",
        callback_state: "pending",
        started_at: 2000,
        finished_at: 3000,
        lease_owner: null,
        lease_until: null,
      },
      running: {
        id: "22222222-2222-4222-8222-222222222222",
        state: "running",
        outcome: null,
        attempts: 1,
        callback_url: null,
        callback_state: "none",
        started_at: 2000,
        finished_at: null,
        lease_owner: "old-instance",
        lease_until: 4000,
      },
      queued: {
        id: "33333333-3333-4333-8333-333333333333",
        state: "queued",
        outcome: null,
        attempts: 0,
        callback_url: null,
        callback_state: "none",
        started_at: null,
        finished_at: null,
        lease_owner: null,
        lease_until: null,
      },
    };
    for (const row of Object.values(rows)) insert.run({ ...row, work });
    old.close();

    const store = SqliteSubmissionStore.open(dataDir);
    await store.migrate();
    await store.migrate(); // idempotent

    const db = new Database(join(dataDir, SQLITE_FILE_NAME), { readonly: true });
    const applied = db.prepare("SELECT name FROM schema_migrations ORDER BY name").pluck().all();
    expect(applied).toEqual(SQLITE_MIGRATIONS.map((migration) => migration.name));
    const indexes = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'submissions_%'")
      .pluck()
      .all();
    expect(indexes).toEqual(
      expect.arrayContaining(["submissions_running_leases", "submissions_pending_callbacks"]),
    );
    db.close();

    await expectFirstSchemaRowsKept(store, { id: rows.done.id, work, outcome });
  });
});
