import type {
  CallbackState,
  NewSubmission,
  SubmissionOutcome,
  SubmissionRecord,
  SubmissionState,
} from "./submission-record.js";

/** One page of a listing, newest first; `nextCursor` fetches the next page when there is one. */
export interface SubmissionPage {
  readonly items: readonly SubmissionRecord[];
  readonly nextCursor?: string;
}

export interface ListSubmissionsQuery {
  readonly owner: string;
  readonly state?: SubmissionState;
  /** 1 to 100. */
  readonly limit: number;
  /** Opaque, from a previous page's `nextCursor`. */
  readonly cursor?: string;
}

/**
 * Where submissions live: embedded SQLite (one server) or PostgreSQL (several servers sharing
 * one database). Every method is atomic on its own. Reads and deletes are scoped to an owner:
 * a submission of another owner is simply not found.
 *
 * Running work is leased: `claimNext` hands a queued submission to one instance until
 * `leaseUntil`; the instance renews its leases while it runs them. A lease that runs out means
 * its instance died, and `recoverExpired` queues the work again (once) or finishes it with an
 * error (the second time), so no submission is lost and none runs more than twice.
 */
/** One owner's stored submissions (`stored`), of which `unfinished` are queued or running. */
export interface OwnedCounts {
  stored: number;
  unfinished: number;
}

export interface SubmissionStore {
  /** Creates the schema or brings it to the current version; called once before any use. */
  migrate(): Promise<void>;
  /** Stores new submissions in one transaction (all or none), in order, all `queued`. */
  create(submissions: readonly NewSubmission[]): Promise<SubmissionRecord[]>;
  get(owner: string, id: string): Promise<SubmissionRecord | undefined>;
  /** The owner's submissions among `ids`, in the order of `ids` (missing ones left out). */
  getMany(owner: string, ids: readonly string[]): Promise<SubmissionRecord[]>;
  list(query: ListSubmissionsQuery): Promise<SubmissionPage>;
  /** Deletes one of the owner's submissions (in any state); false if there was none. */
  delete(owner: string, id: string): Promise<boolean>;

  /**
   * Takes the oldest queued submission for `instanceId` (skipping ones another instance is
   * taking at the same moment), marks it `running`, counts an attempt; undefined when none waits.
   */
  claimNext(instanceId: string, leaseUntil: Date): Promise<SubmissionRecord | undefined>;
  /** Extends every lease `instanceId` holds. */
  renewLeases(instanceId: string, leaseUntil: Date): Promise<void>;
  /**
   * Records the outcome of a run `instanceId` holds (false when it no longer holds it: the
   * lease ran out and another instance took the work, or the submission was deleted).
   * Sets `callbackState` to "pending" when the submission has a callback URL.
   */
  complete(instanceId: string, id: string, outcome: SubmissionOutcome): Promise<boolean>;
  /**
   * Work whose lease ran out before `now`: queued again if it ran once, finished with an error
   * saying the server stopped twice if it ran twice. Returns how many of each.
   */
  recoverExpired(now: Date): Promise<{ requeued: number; failed: number }>;

  /** Done submissions whose callback is pending (oldest first), for the delivery loop. */
  pendingCallbacks(limit: number): Promise<SubmissionRecord[]>;
  /** Records a delivery try: its new state and the number of tries made. */
  recordCallback(id: string, state: CallbackState, attempts: number): Promise<void>;

  /** Deletes done submissions finished before `before`; returns how many. */
  deleteFinishedBefore(before: Date): Promise<number>;
  /** How many submissions the owner has stored, and how many of them are not yet done (queued
   * or running), for the per-owner bounds. */
  countOwned(owner: string): Promise<OwnedCounts>;
  /** Counts by state across all owners (for metrics and /workers). */
  countByState(): Promise<Record<SubmissionState, number>>;
  close(): Promise<void>;
}
