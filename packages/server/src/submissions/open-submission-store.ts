import type { ServerConfig } from "../config/config-schema.js";
import { SqliteSubmissionStore } from "./store/sqlite-submission-store.js";
import type { SubmissionStore } from "./submission-store.js";

/**
 * The store of the configuration, migrated: SQLite in the data directory. (PostgreSQL with
 * `databaseUrl` comes with the store branch's opener, which replaces this one.)
 */
export async function openSubmissionStore(
  config: ServerConfig,
  dataDir: string,
): Promise<SubmissionStore> {
  if (config.databaseUrl !== undefined) {
    throw new Error("PostgreSQL submissions are not merged yet: unset WARMBOX_DATABASE_URL");
  }
  const store = SqliteSubmissionStore.open(dataDir);
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
