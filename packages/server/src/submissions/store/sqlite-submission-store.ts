import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import Database from "libsql";
import type {
  CallbackState,
  NewSubmission,
  SubmissionOutcome,
  SubmissionRecord,
  SubmissionState,
} from "../submission-record.js";
import type {
  ListSubmissionsQuery,
  OwnedCounts,
  SubmissionPage,
  SubmissionStore,
} from "../submission-store.js";
import { checkListQuery, encodeListCursor, vanishedCursorError } from "./list-cursor.js";
import { migrateSqlite } from "./sqlite-migrations.js";
import {
  inOrderOf,
  isSubmissionId,
  MAX_ATTEMPTS,
  STOPPED_TWICE_OUTCOME,
  type SubmissionRow,
  toSubmissionRecord,
  zeroCounts,
} from "./submission-row.js";
import { DatabaseUnavailableError } from "./submission-store-errors.js";

/** The database file's name in the server's data directory. */
export const SQLITE_FILE_NAME = "submissions.sqlite";

/** How long a statement waits for another connection's write lock before failing. */
const BUSY_TIMEOUT_MS = 5_000;

/**
 * The embedded store: one SQLite file under the data directory (created on first use), in WAL
 * mode so reads never wait on the worker's writes. It goes through libsql (SQLite's libSQL
 * fork, better-sqlite3's API), whose prebuilt binaries come from the npm registry, so `npm ci`
 * needs no compiler and no download from elsewhere. It is synchronous: every method
 * runs to its end without yielding, which makes each one atomic within this process; the file
 * lock makes them atomic across processes sharing the file.
 */
export class SqliteSubmissionStore implements SubmissionStore {
  readonly #db: Database.Database;
  readonly #file: string;

  private constructor(db: Database.Database, file: string) {
    this.#db = db;
    this.#file = file;
  }

  /** Opens (creating when missing) `<dataDir>/submissions.sqlite`. Call migrate() next. */
  static open(dataDir: string): SqliteSubmissionStore {
    const file = join(dataDir, SQLITE_FILE_NAME);
    let db: Database.Database;
    try {
      mkdirSync(dataDir, { recursive: true });
      db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
      db.pragma("journal_mode = WAL");
      // In WAL mode NORMAL loses no committed transaction when the process dies (only on a
      // power cut), and spares an fsync per write.
      db.pragma("synchronous = NORMAL");
    } catch (error) {
      throw new DatabaseUnavailableError(
        `cannot open the SQLite database ${file}: ${(error as Error).message}`,
        { cause: error },
      );
    }
    return new SqliteSubmissionStore(db, file);
  }

  /** The database file's path. */
  get file(): string {
    return this.#file;
  }

  async migrate(): Promise<void> {
    await migrateSqlite(this.#db);
  }

  async create(submissions: readonly NewSubmission[]): Promise<SubmissionRecord[]> {
    const insert = this.#db.prepare(
      `INSERT INTO submissions (id, owner, state, work, callback_url, callback_state, meta, created_at)
       VALUES (?, ?, 'queued', ?, ?, ?, ?, ?) RETURNING *`,
    );
    const createdAt = Date.now();
    const insertAll = this.#db.transaction(() =>
      submissions.map((submission) =>
        insert.get(
          randomUUID(),
          submission.owner,
          JSON.stringify(submission.work),
          submission.callbackUrl ?? null,
          "none" satisfies CallbackState,
          JSON.stringify(submission.meta ?? {}),
          createdAt,
        ),
      ),
    );
    return (insertAll() as SubmissionRow[]).map(toSubmissionRecord);
  }

  async get(owner: string, id: string): Promise<SubmissionRecord | undefined> {
    if (!isSubmissionId(id)) return undefined;
    const row = this.#db
      .prepare("SELECT * FROM submissions WHERE owner = ? AND id = ?")
      .get(owner, id) as SubmissionRow | undefined;
    return row && toSubmissionRecord(row);
  }

  async getMany(owner: string, ids: readonly string[]): Promise<SubmissionRecord[]> {
    const wanted = ids.filter(isSubmissionId);
    if (wanted.length === 0) return [];
    const rows = this.#db
      .prepare(
        "SELECT * FROM submissions WHERE owner = ? AND id IN (SELECT value FROM json_each(?))",
      )
      .all(owner, JSON.stringify(wanted)) as SubmissionRow[];
    return inOrderOf(ids, rows.map(toSubmissionRecord));
  }

  async list(query: ListSubmissionsQuery): Promise<SubmissionPage> {
    const { owner, state, limit, afterId } = checkListQuery(query);
    let beforeSeq: number | undefined;
    if (afterId !== undefined) {
      const after = this.#db
        .prepare("SELECT seq FROM submissions WHERE owner = ? AND id = ?")
        .get(owner, afterId) as { seq: number | bigint } | undefined;
      if (!after) throw vanishedCursorError();
      beforeSeq = Number(after.seq);
    }
    const rows = this.#db
      .prepare(
        `SELECT * FROM submissions
         WHERE owner = @owner AND (@state IS NULL OR state = @state)
           AND (@beforeSeq IS NULL OR seq < @beforeSeq)
         ORDER BY seq DESC LIMIT @take`,
      )
      .all({
        owner,
        state: state ?? null,
        beforeSeq: beforeSeq ?? null,
        take: limit + 1,
      }) as SubmissionRow[];
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map(toSubmissionRecord),
      ...(rows.length > limit && last ? { nextCursor: encodeListCursor(last.id) } : {}),
    };
  }

  async delete(owner: string, id: string): Promise<boolean> {
    if (!isSubmissionId(id)) return false;
    return (
      this.#db.prepare("DELETE FROM submissions WHERE owner = ? AND id = ?").run(owner, id)
        .changes > 0
    );
  }

  async claimNext(instanceId: string, leaseUntil: Date): Promise<SubmissionRecord | undefined> {
    const row = this.#db
      .prepare(
        `UPDATE submissions
         SET state = 'running', attempts = attempts + 1, started_at = ?, lease_owner = ?, lease_until = ?
         WHERE seq = (SELECT seq FROM submissions WHERE state = 'queued' ORDER BY seq LIMIT 1)
         RETURNING *`,
      )
      .get(Date.now(), instanceId, leaseUntil.getTime()) as SubmissionRow | undefined;
    return row && toSubmissionRecord(row);
  }

  async renewLeases(instanceId: string, leaseUntil: Date): Promise<void> {
    this.#db
      .prepare("UPDATE submissions SET lease_until = ? WHERE state = 'running' AND lease_owner = ?")
      .run(leaseUntil.getTime(), instanceId);
  }

  async complete(instanceId: string, id: string, outcome: SubmissionOutcome): Promise<boolean> {
    const result = this.#db
      .prepare(
        `UPDATE submissions
         SET state = 'done', outcome = ?, finished_at = ?, lease_owner = NULL, lease_until = NULL,
             callback_state = CASE WHEN callback_url IS NULL THEN callback_state ELSE 'pending' END
         WHERE id = ? AND state = 'running' AND lease_owner = ?`,
      )
      .run(JSON.stringify(outcome), Date.now(), id, instanceId);
    return result.changes > 0;
  }

  async recoverExpired(now: Date): Promise<{ requeued: number; failed: number }> {
    const recover = this.#db.transaction(() => {
      const failed = this.#db
        .prepare(
          `UPDATE submissions
           SET state = 'done', outcome = ?, finished_at = ?, lease_owner = NULL, lease_until = NULL,
               callback_state = CASE WHEN callback_url IS NULL THEN callback_state ELSE 'pending' END
           WHERE state = 'running' AND lease_until < ? AND attempts >= ?`,
        )
        .run(
          JSON.stringify(STOPPED_TWICE_OUTCOME),
          now.getTime(),
          now.getTime(),
          MAX_ATTEMPTS,
        ).changes;
      const requeued = this.#db
        .prepare(
          `UPDATE submissions SET state = 'queued', lease_owner = NULL, lease_until = NULL
           WHERE state = 'running' AND lease_until < ? AND attempts < ?`,
        )
        .run(now.getTime(), MAX_ATTEMPTS).changes;
      return { requeued, failed };
    });
    return recover.immediate();
  }

  async pendingCallbacks(limit: number): Promise<SubmissionRecord[]> {
    const rows = this.#db
      .prepare(
        `SELECT * FROM submissions WHERE callback_state = 'pending' AND state = 'done'
         ORDER BY finished_at, seq LIMIT ?`,
      )
      .all(limit) as SubmissionRow[];
    return rows.map(toSubmissionRecord);
  }

  async recordCallback(id: string, state: CallbackState, attempts: number): Promise<void> {
    this.#db
      .prepare("UPDATE submissions SET callback_state = ?, callback_attempts = ? WHERE id = ?")
      .run(state, attempts, id);
  }

  async deleteFinishedBefore(before: Date): Promise<number> {
    return this.#db
      .prepare("DELETE FROM submissions WHERE state = 'done' AND finished_at < ?")
      .run(before.getTime()).changes;
  }

  async countOwned(owner: string): Promise<OwnedCounts> {
    const row = this.#db
      .prepare(
        "SELECT COUNT(*) AS stored, COUNT(*) FILTER (WHERE state <> 'done') AS unfinished FROM submissions WHERE owner = ?",
      )
      .get(owner) as OwnedCounts;
    return { stored: row.stored, unfinished: row.unfinished };
  }

  async countByState(): Promise<Record<SubmissionState, number>> {
    const rows = this.#db
      .prepare("SELECT state, COUNT(*) AS count FROM submissions GROUP BY state")
      .all() as { state: SubmissionState; count: number }[];
    const counts = zeroCounts();
    for (const row of rows) counts[row.state] = row.count;
    return counts;
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }
}
