import { randomUUID } from "node:crypto";
import pg from "pg";
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
import { describeDatabaseUrl } from "./database-url.js";
import { checkListQuery, encodeListCursor, vanishedCursorError } from "./list-cursor.js";
import { migratePostgres } from "./postgres-migrations.js";
import {
  inOrderOf,
  isSubmissionId,
  MAX_ATTEMPTS,
  STOPPED_TWICE_OUTCOME,
  type SubmissionRow,
  toSubmissionRecord,
  zeroCounts,
} from "./submission-row.js";
import { DatabaseUnavailableError, InvalidDatabaseUrlError } from "./submission-store-errors.js";

/** Connections one server keeps to the database: the worker, the loops and the API's reads. */
export const DEFAULT_POOL_SIZE = 10;

/** How long opening a connection may take before the database counts as unreachable. */
const CONNECT_TIMEOUT_MS = 10_000;

/** The columns a finished run sets, shared by complete() and recoverExpired(). */
const FINISH = `state = 'done', outcome = $1, finished_at = $2, lease_owner = NULL, lease_until = NULL,
  callback_state = CASE WHEN callback_url IS NULL THEN callback_state ELSE 'pending' END`;

/** Options of PostgresSubmissionStore.open. */
export interface PostgresStoreOptions {
  /** Most connections this store opens. @default DEFAULT_POOL_SIZE */
  readonly poolSize?: number;
}

/**
 * The shared store: one PostgreSQL database that several servers use at once. Claims take
 * `FOR UPDATE SKIP LOCKED`, so concurrent claimers (on one server or many) each get a different
 * submission without waiting on each other.
 */
export class PostgresSubmissionStore implements SubmissionStore {
  readonly #pool: pg.Pool;
  #closed = false;

  private constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  /**
   * Connects to `url` (postgres:// or postgresql://) and checks that the database answers.
   * Throws InvalidDatabaseUrlError or DatabaseUnavailableError. Call migrate() next.
   */
  static async open(
    url: string,
    options: PostgresStoreOptions = {},
  ): Promise<PostgresSubmissionStore> {
    const target = describeDatabaseUrl(url);
    let pool: pg.Pool;
    try {
      pool = new pg.Pool({
        connectionString: url,
        max: options.poolSize ?? DEFAULT_POOL_SIZE,
        connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      });
    } catch (error) {
      throw new InvalidDatabaseUrlError(
        `the database URL ${target} cannot be used: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
    // An idle connection that drops (the database restarted) is replaced on the next query,
    // whose caller sees the error; unhandled, the pool's event would end the process.
    pool.on("error", () => {});
    try {
      await pool.query("SELECT 1");
    } catch (error) {
      await pool.end().catch(() => {});
      if ((error as { code?: string }).code === "ERR_INVALID_URL") {
        throw new InvalidDatabaseUrlError(`the database URL ${target} is not a valid URL`, {
          cause: error,
        });
      }
      throw new DatabaseUnavailableError(
        `cannot reach the PostgreSQL database ${target}: ${(error as Error).message}`,
        { cause: error },
      );
    }
    return new PostgresSubmissionStore(pool);
  }

  async migrate(): Promise<void> {
    const client = await this.#pool.connect();
    try {
      await migratePostgres(client);
    } finally {
      client.release();
    }
  }

  async #rows(sql: string, params: unknown[] = []): Promise<SubmissionRow[]> {
    return (await this.#pool.query<SubmissionRow>(sql, params)).rows;
  }

  async #count(sql: string, params: unknown[]): Promise<number> {
    return (await this.#pool.query(sql, params)).rowCount ?? 0;
  }

  async create(submissions: readonly NewSubmission[]): Promise<SubmissionRecord[]> {
    const client = await this.#pool.connect();
    const createdAt = new Date();
    try {
      await client.query("BEGIN");
      const rows: SubmissionRow[] = [];
      for (const submission of submissions) {
        const result = await client.query<SubmissionRow>(
          `INSERT INTO submissions (id, owner, state, work, callback_url, meta, created_at)
           VALUES ($1, $2, 'queued', $3, $4, $5, $6) RETURNING *`,
          [
            randomUUID(),
            submission.owner,
            JSON.stringify(submission.work),
            submission.callbackUrl ?? null,
            JSON.stringify(submission.meta ?? {}),
            createdAt,
          ],
        );
        rows.push(...result.rows);
      }
      await client.query("COMMIT");
      return rows.map(toSubmissionRecord);
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    } finally {
      client.release();
    }
  }

  async get(owner: string, id: string): Promise<SubmissionRecord | undefined> {
    if (!isSubmissionId(id)) return undefined;
    const [row] = await this.#rows("SELECT * FROM submissions WHERE owner = $1 AND id = $2", [
      owner,
      id,
    ]);
    return row && toSubmissionRecord(row);
  }

  async getMany(owner: string, ids: readonly string[]): Promise<SubmissionRecord[]> {
    const wanted = ids.filter(isSubmissionId);
    if (wanted.length === 0) return [];
    const rows = await this.#rows(
      "SELECT * FROM submissions WHERE owner = $1 AND id = ANY($2::text[])",
      [owner, wanted],
    );
    return inOrderOf(ids, rows.map(toSubmissionRecord));
  }

  async list(query: ListSubmissionsQuery): Promise<SubmissionPage> {
    const { owner, state, limit, afterId } = checkListQuery(query);
    let beforeSeq: string | undefined;
    if (afterId !== undefined) {
      const [after] = await this.#rows("SELECT seq FROM submissions WHERE owner = $1 AND id = $2", [
        owner,
        afterId,
      ]);
      if (!after) throw vanishedCursorError();
      beforeSeq = String(after.seq);
    }
    const rows = await this.#rows(
      `SELECT * FROM submissions
       WHERE owner = $1 AND ($2::text IS NULL OR state = $2) AND ($3::bigint IS NULL OR seq < $3)
       ORDER BY seq DESC LIMIT $4`,
      [owner, state ?? null, beforeSeq ?? null, limit + 1],
    );
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
      (await this.#count("DELETE FROM submissions WHERE owner = $1 AND id = $2", [owner, id])) > 0
    );
  }

  async claimNext(instanceId: string, leaseUntil: Date): Promise<SubmissionRecord | undefined> {
    const [row] = await this.#rows(
      `UPDATE submissions
       SET state = 'running', attempts = attempts + 1, started_at = $1, lease_owner = $2, lease_until = $3
       WHERE seq = (
         SELECT seq FROM submissions WHERE state = 'queued' ORDER BY seq LIMIT 1 FOR UPDATE SKIP LOCKED
       )
       RETURNING *`,
      [new Date(), instanceId, leaseUntil],
    );
    return row && toSubmissionRecord(row);
  }

  async renewLeases(instanceId: string, leaseUntil: Date): Promise<void> {
    await this.#pool.query(
      "UPDATE submissions SET lease_until = $1 WHERE state = 'running' AND lease_owner = $2",
      [leaseUntil, instanceId],
    );
  }

  async complete(instanceId: string, id: string, outcome: SubmissionOutcome): Promise<boolean> {
    const changed = await this.#count(
      `UPDATE submissions SET ${FINISH} WHERE id = $3 AND state = 'running' AND lease_owner = $4`,
      [JSON.stringify(outcome), new Date(), id, instanceId],
    );
    return changed > 0;
  }

  async recoverExpired(now: Date): Promise<{ requeued: number; failed: number }> {
    // Two statements, each atomic: a row is in only one of the two sets (by attempts), and a
    // row another server recovers at the same moment is counted by one of them only.
    const failed = await this.#count(
      `UPDATE submissions SET ${FINISH}
       WHERE state = 'running' AND lease_until < $2 AND attempts >= $3`,
      [JSON.stringify(STOPPED_TWICE_OUTCOME), now, MAX_ATTEMPTS],
    );
    const requeued = await this.#count(
      `UPDATE submissions SET state = 'queued', lease_owner = NULL, lease_until = NULL
       WHERE state = 'running' AND lease_until < $1 AND attempts < $2`,
      [now, MAX_ATTEMPTS],
    );
    return { requeued, failed };
  }

  async pendingCallbacks(limit: number): Promise<SubmissionRecord[]> {
    const rows = await this.#rows(
      `SELECT * FROM submissions WHERE callback_state = 'pending' AND state = 'done'
       ORDER BY finished_at, seq LIMIT $1`,
      [limit],
    );
    return rows.map(toSubmissionRecord);
  }

  async recordCallback(id: string, state: CallbackState, attempts: number): Promise<void> {
    await this.#pool.query(
      "UPDATE submissions SET callback_state = $1, callback_attempts = $2 WHERE id = $3",
      [state, attempts, id],
    );
  }

  async deleteFinishedBefore(before: Date): Promise<number> {
    return this.#count("DELETE FROM submissions WHERE state = 'done' AND finished_at < $1", [
      before,
    ]);
  }

  async countOwned(owner: string): Promise<OwnedCounts> {
    // COUNT is a bigint, which pg hands over as a string.
    const result = await this.#pool.query<{ stored: string; unfinished: string }>(
      "SELECT COUNT(*) AS stored, COUNT(*) FILTER (WHERE state <> 'done') AS unfinished FROM submissions WHERE owner = $1",
      [owner],
    );
    const row = result.rows[0];
    return { stored: Number(row?.stored ?? 0), unfinished: Number(row?.unfinished ?? 0) };
  }

  async countByState(): Promise<Record<SubmissionState, number>> {
    const result = await this.#pool.query<{ state: SubmissionState; count: string }>(
      "SELECT state, COUNT(*) AS count FROM submissions GROUP BY state",
    );
    const counts = zeroCounts();
    for (const row of result.rows) counts[row.state] = Number(row.count);
    return counts;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#pool.end();
  }
}
