import type Database from "libsql";
import { applyMigrations, type MigrationLog, type SchemaMigration } from "./schema-migrations.js";

type Db = Database.Database;

/**
 * The SQLite schema, step by step. Times are epoch milliseconds; `seq` orders submissions by
 * insertion (listings newest first, claims oldest first).
 */
export const SQLITE_MIGRATIONS: readonly SchemaMigration<Db>[] = [
  {
    name: "0001-create-submissions",
    async up(db) {
      db.exec(`
        CREATE TABLE submissions (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          id TEXT NOT NULL UNIQUE,
          owner TEXT NOT NULL,
          state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done')),
          work TEXT NOT NULL,
          outcome TEXT,
          attempts INTEGER NOT NULL DEFAULT 0,
          callback_url TEXT,
          callback_state TEXT NOT NULL DEFAULT 'none'
            CHECK (callback_state IN ('none', 'pending', 'delivered', 'failed')),
          callback_attempts INTEGER NOT NULL DEFAULT 0,
          meta TEXT NOT NULL DEFAULT '{}',
          created_at INTEGER NOT NULL,
          started_at INTEGER,
          finished_at INTEGER,
          lease_owner TEXT,
          lease_until INTEGER
        );
        CREATE INDEX submissions_by_owner ON submissions (owner, seq);
        CREATE INDEX submissions_by_state ON submissions (state, seq);
      `);
    },
  },
  {
    // The background loops (lease recovery, callback delivery, retention) scan small subsets.
    name: "0002-background-loop-indexes",
    async up(db) {
      db.exec(`
        CREATE INDEX submissions_running_leases ON submissions (lease_until) WHERE state = 'running';
        CREATE INDEX submissions_pending_callbacks ON submissions (finished_at)
          WHERE callback_state = 'pending';
        CREATE INDEX submissions_done_by_finish ON submissions (finished_at) WHERE state = 'done';
      `);
    },
  },
];

const sqliteMigrationLog: MigrationLog<Db> = {
  async applied(db) {
    db.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)",
    );
    const rows = db.prepare("SELECT name FROM schema_migrations ORDER BY name").all() as {
      name: string;
    }[];
    return rows.map((row) => row.name);
  },
  async record(db, name) {
    db.prepare("INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)").run(
      name,
      Date.now(),
    );
  },
};

/**
 * Brings a SQLite database to the current schema (or to `to`), all steps in one transaction
 * (SQLite's DDL is transactional), taken with an immediate lock so two processes opening the
 * same file never migrate it at once.
 */
export async function migrateSqlite(db: Db, to?: string): Promise<void> {
  db.exec("BEGIN IMMEDIATE");
  try {
    await applyMigrations(db, SQLITE_MIGRATIONS, sqliteMigrationLog, to);
    db.exec("COMMIT");
  } catch (error) {
    db.exec("ROLLBACK");
    throw error;
  }
}
