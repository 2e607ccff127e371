import type {
  CallbackState,
  SubmissionOutcome,
  SubmissionRecord,
  SubmissionState,
} from "../submission-record.js";

/**
 * A row of the `submissions` table, as both databases return it: JSON columns as text (so any
 * output, NUL characters and lone surrogates included, round-trips), times as the database's
 * own type (SQLite: epoch milliseconds; PostgreSQL: timestamptz, a Date).
 */
export interface SubmissionRow {
  seq: number | string;
  id: string;
  owner: string;
  state: SubmissionState;
  work: string;
  outcome: string | null;
  attempts: number;
  callback_url: string | null;
  callback_state: CallbackState;
  callback_attempts: number;
  meta: string;
  created_at: number | Date;
  started_at: number | Date | null;
  finished_at: number | Date | null;
}

/** Runs a server may start on one submission: the first, and one more after a server died. */
export const MAX_ATTEMPTS = 2;

/** The outcome of a submission whose server stopped during each of its MAX_ATTEMPTS runs. */
export const STOPPED_TWICE_OUTCOME: SubmissionOutcome = {
  kind: "error",
  error: {
    code: "internal_error",
    message: `The server running this submission stopped during each of its ${MAX_ATTEMPTS} runs; it is not run again.`,
  },
};

function toDate(value: number | Date): Date {
  return value instanceof Date ? value : new Date(value);
}

/** The record a row holds. */
export function toSubmissionRecord(row: SubmissionRow): SubmissionRecord {
  return {
    id: row.id,
    owner: row.owner,
    work: JSON.parse(row.work),
    state: row.state,
    ...(row.outcome === null ? {} : { outcome: JSON.parse(row.outcome) }),
    attempts: row.attempts,
    ...(row.callback_url === null ? {} : { callbackUrl: row.callback_url }),
    callbackState: row.callback_state,
    callbackAttempts: row.callback_attempts,
    meta: JSON.parse(row.meta),
    createdAt: toDate(row.created_at),
    ...(row.started_at === null ? {} : { startedAt: toDate(row.started_at) }),
    ...(row.finished_at === null ? {} : { finishedAt: toDate(row.finished_at) }),
  };
}

/** Records in the order of `ids` (duplicates kept, missing ones left out). */
export function inOrderOf(ids: readonly string[], records: readonly SubmissionRecord[]) {
  const byId = new Map(records.map((record) => [record.id, record]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Zero for every state, so a count lists each one. */
export function zeroCounts(): Record<SubmissionState, number> {
  return { queued: 0, running: 0, done: 0 };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * True for a string shaped like the ids the stores make. Anything else can name no submission;
 * it never reaches a query (PostgreSQL refuses text with a NUL character outright).
 */
export function isSubmissionId(id: string): boolean {
  return UUID.test(id);
}
