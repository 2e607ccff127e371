import { Umzug } from "umzug";

/** One step of a database's schema, applied once, in order, by name. */
export interface SchemaMigration<Db> {
  /** Unique and sortable ("0001-create-submissions"); stored once applied, so never renamed. */
  readonly name: string;
  up(db: Db): Promise<void>;
}

/** Where a database keeps the names of the migrations it has applied. */
export interface MigrationLog<Db> {
  applied(db: Db): Promise<string[]>;
  record(db: Db, name: string): Promise<void>;
}

/**
 * Applies the migrations `db` has not applied yet, in order (umzug tracks them through `log`),
 * up to and including `to` when given (the migration test builds an old schema so).
 * The caller runs it inside one transaction, so a failed step leaves the schema as it was.
 */
export async function applyMigrations<Db extends object>(
  db: Db,
  migrations: readonly SchemaMigration<Db>[],
  log: MigrationLog<Db>,
  to?: string,
): Promise<void> {
  const umzug = new Umzug<Db>({
    migrations: migrations.map((migration) => ({
      name: migration.name,
      up: ({ context }) => migration.up(context),
    })),
    context: db,
    storage: {
      executed: ({ context }) => log.applied(context),
      logMigration: ({ name, context }) => log.record(context, name),
      unlogMigration: () => Promise.reject(new Error("schema migrations are never reverted")),
    },
    logger: undefined,
  });
  await umzug.up(to === undefined ? {} : { to });
}
