import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPostgres, type TestPostgres } from "../../testing/test-postgres.js";
import { openSubmissionStore } from "./open-submission-store.js";
import { PostgresSubmissionStore } from "./postgres-submission-store.js";
import { SQLITE_FILE_NAME, SqliteSubmissionStore } from "./sqlite-submission-store.js";
import { DatabaseUnavailableError, InvalidDatabaseUrlError } from "./submission-store-errors.js";

let postgres: TestPostgres;
const root = mkdtempSync(join(tmpdir(), "warmbox-open-store-"));
beforeAll(async () => {
  postgres = await startTestPostgres();
});
afterAll(async () => {
  await postgres?.stop();
  rmSync(root, { recursive: true, force: true });
});

describe("openSubmissionStore", () => {
  it("opens the SQLite file in the data directory when no URL is set, creating both", async () => {
    for (const databaseUrl of [undefined, ""]) {
      const dataDir = join(root, `data-${databaseUrl === undefined ? "unset" : "empty"}`, "nested");
      const store = await openSubmissionStore({ databaseUrl, dataDir });
      expect(store).toBeInstanceOf(SqliteSubmissionStore);
      await store.migrate();
      expect(existsSync(join(dataDir, SQLITE_FILE_NAME))).toBe(true);
      await store.close();
    }
  });

  it("opens PostgreSQL for a postgres:// or postgresql:// URL", async () => {
    const url = await postgres.createDatabase();
    for (const scheme of ["postgresql:", "postgres:"]) {
      const store = await openSubmissionStore({
        databaseUrl: url.replace(/^postgresql:/, scheme),
        dataDir: root,
      });
      expect(store).toBeInstanceOf(PostgresSubmissionStore);
      await store.migrate();
      expect(await store.countByState()).toEqual({ queued: 0, running: 0, done: 0 });
      await store.close();
    }
  });

  it("refuses a URL of another scheme, or a malformed one, with InvalidDatabaseUrlError", async () => {
    for (const databaseUrl of [
      "mysql://u:secret@db/x",
      "sqlite:data.db",
      "not a url",
      "postgres://u:secret@h:99999/db",
    ]) {
      const error = await openSubmissionStore({ databaseUrl, dataDir: root }).catch(
        (e: unknown) => e,
      );
      expect(InvalidDatabaseUrlError.isInstance(error), databaseUrl).toBe(true);
      expect((error as Error).message).not.toContain("secret");
    }
  });

  it("says which database can't be reached, without its password, with DatabaseUnavailableError", async () => {
    const nowhere = join(root, "no-server-here");
    const databaseUrl = `postgresql://postgres:secret@localhost/x?host=${encodeURIComponent(nowhere)}`;
    const error = await openSubmissionStore({ databaseUrl, dataDir: root }).catch(
      (e: unknown) => e,
    );
    expect(DatabaseUnavailableError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain(
      "cannot reach the PostgreSQL database postgresql://postgres:***@localhost/x",
    );
    expect((error as Error).message).not.toContain("secret");
  });

  it("says when the SQLite file can't be made, with DatabaseUnavailableError", async () => {
    const blocker = join(root, "a-file");
    writeFileSync(blocker, "");
    const dataDir = join(blocker, "data");
    const error = await openSubmissionStore({ dataDir }).catch((e: unknown) => e);
    expect(DatabaseUnavailableError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain(dataDir);
  });
});
