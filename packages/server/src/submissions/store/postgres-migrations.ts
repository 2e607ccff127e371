import type { PoolClient } from "pg";
import { applyMigrations, type MigrationLog, type SchemaMigration } from "./schema-migrations.js";

/**
 * The PostgreSQL schema, step by step: the same table as SQLite's, in PostgreSQL's types.
 * JSON columns are text (jsonb refuses NUL characters, which a program's output may hold).
 */
export const POSTGRES_MIGRATIONS: readonly SchemaMigration<PoolClient>[] = [
  {
    name: "0001-create-submissions",
    async up(db) {
      await db.query(`
        CREATE TABLE submissions (
          seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          id text NOT NULL UNIQUE,
          owner text NOT NULL,
          state text NOT NULL CHECK (state IN ('queued', 'running', 'done')),
          work text NOT NULL,
          outcome text,
          attempts integer NOT NULL DEFAULT 0,
          callback_url text,
          callback_state text NOT NULL DEFAULT 'none'
            CHECK (callback_state IN ('none', 'pending', 'delivered', 'failed')),
          callback_attempts integer NOT NULL DEFAULT 0,
          meta text NOT NULL DEFAULT '{}',
          created_at timestamptz NOT NULL,
          started_at timestamptz,
          finished_at timestamptz,
          lease_owner text,
          lease_until timestamptz
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
      await db.query(`
        CREATE INDEX submissions_running_leases ON submissions (lease_until) WHERE state = 'running';
        CREATE INDEX submissions_pending_callbacks ON submissions (finished_at)
          WHERE callback_state = 'pending';
        CREATE INDEX submissions_done_by_finish ON submissions (finished_at) WHERE state = 'done';
      `);
    },
  },
];

const postgresMigrationLog: MigrationLog<PoolClient> = {
  async applied(db) {
    await db.query(
      "CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
    );
    const result = await db.query<{ name: string }>(
      "SELECT name FROM schema_migrations ORDER BY name",
    );
    return result.rows.map((row) => row.name);
  },
  async record(db, name) {
    await db.query("INSERT INTO schema_migrations (name) VALUES ($1)", [name]);
  },
};

/** Key of the advisory lock that lets one server at a time migrate a shared database. */
const MIGRATION_LOCK_KEY = 0x7761726d; // "warm"

/**
 * Brings a PostgreSQL database to the current schema (or to `to`) in one transaction (its DDL is
 * transactional), holding an advisory lock: servers starting together migrate one after another,
 * and the later ones find nothing left to do.
 */
export async function migratePostgres(db: PoolClient, to?: string): Promise<void> {
  await db.query("BEGIN");
  try {
    await db.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK_KEY]);
    await applyMigrations(db, POSTGRES_MIGRATIONS, postgresMigrationLog, to);
    await db.query("COMMIT");
  } catch (error) {
    await db.query("ROLLBACK");
    throw error;
  }
}
