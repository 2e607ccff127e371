import type { ServerConfig } from "../config/config-schema.js";
import type { SubmissionStore } from "./submission-store.js";

/**
 * The store of the configuration, migrated: PostgreSQL with `databaseUrl`, else SQLite in the
 * data directory. The implementations come from the store branch; until it is merged the
 * server cannot keep submissions and says so at start.
 */
export async function openSubmissionStore(
  _config: ServerConfig,
  _dataDir: string,
): Promise<SubmissionStore> {
  throw new Error("no submission store implementation yet: merge the SQLite/PostgreSQL stores");
}
