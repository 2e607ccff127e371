import type { SubmissionStore } from "../submission-store.js";
import { describeDatabaseUrl, isPostgresUrl } from "./database-url.js";
import { PostgresSubmissionStore } from "./postgres-submission-store.js";
import { SqliteSubmissionStore } from "./sqlite-submission-store.js";
import { InvalidDatabaseUrlError } from "./submission-store-errors.js";

/** Where the submissions live. */
export interface OpenSubmissionStoreOptions {
  /**
   * A PostgreSQL database shared by every server (`postgres://` or `postgresql://`).
   * @default undefined: the embedded SQLite file in `dataDir`
   */
  readonly databaseUrl?: string;
  /** The server's data directory: the SQLite file lives here (created when missing). */
  readonly dataDir: string;
}

/**
 * Opens the store the options choose: PostgreSQL for a postgres URL, SQLite in `dataDir`
 * otherwise. Call `migrate()` on it before any other use.
 *
 * @throws InvalidDatabaseUrlError the URL is of another scheme or malformed
 * @throws DatabaseUnavailableError the database can't be opened or reached
 * @example
 * ```ts
 * const store = await openSubmissionStore({ databaseUrl: process.env.WARMBOX_DATABASE_URL, dataDir });
 * await store.migrate();
 * ```
 */
export async function openSubmissionStore(
  options: OpenSubmissionStoreOptions,
): Promise<SubmissionStore> {
  const { databaseUrl, dataDir } = options;
  if (databaseUrl === undefined || databaseUrl === "") return SqliteSubmissionStore.open(dataDir);
  if (!isPostgresUrl(databaseUrl)) {
    throw new InvalidDatabaseUrlError(
      `the database URL ${describeDatabaseUrl(databaseUrl)} must start with postgres:// or postgresql:// ` +
        "(leave it unset for the embedded SQLite store)",
    );
  }
  return PostgresSubmissionStore.open(databaseUrl);
}
