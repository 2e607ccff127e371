import type { ExecuteRequest, ExecuteResult, JudgeRequest, JudgeResult } from "@warmbox/engine";

/** Where a submission is in its life: waiting for a sandbox, being run, or finished. */
export type SubmissionState = "queued" | "running" | "done";

/** What a submission asks for: one run (`execute`) or a judged set of tests (`judge`). */
export type SubmissionWork =
  | { kind: "execute"; request: ExecuteRequest }
  | { kind: "judge"; request: JudgeRequest };

/** The answer of a finished submission, of the same kind as its work. */
export type SubmissionOutcome =
  | { kind: "execute"; result: ExecuteResult }
  | { kind: "judge"; result: JudgeResult }
  /** The engine refused or failed the work (a typed engine error, as the HTTP API answers it). */
  | { kind: "error"; error: { code: string; message: string } };

/** Delivery of the result to `callbackUrl`: not asked for, waiting, done, or given up. */
export type CallbackState = "none" | "pending" | "delivered" | "failed";

/** A submission as stored: the request, its state, and its outcome once done. */
export interface SubmissionRecord {
  /** Random, unguessable id (a UUID v4); the Judge0 API calls it the token. */
  readonly id: string;
  /** Who created it: the API key's short id, or "" on a server without keys. Only they see it. */
  readonly owner: string;
  readonly work: SubmissionWork;
  readonly state: SubmissionState;
  /** Set once `state` is "done". */
  readonly outcome?: SubmissionOutcome;
  /** Times a server started running it: 1 normally, 2 when a server died mid-run and it was re-run. */
  readonly attempts: number;
  /** Where the finished result is POSTed, if anywhere. */
  readonly callbackUrl?: string;
  readonly callbackState: CallbackState;
  /** Delivery tries made so far. */
  readonly callbackAttempts: number;
  /**
   * Data an API layer keeps beside the work to shape its answers (the Judge0 layer keeps its
   * request's own fields here: base64 flag, expected_output, language id...). Plain JSON.
   */
  readonly meta: Readonly<Record<string, unknown>>;
  readonly createdAt: Date;
  readonly startedAt?: Date;
  readonly finishedAt?: Date;
}

/** What creating a submission takes; the store assigns id, state, attempts and times. */
export interface NewSubmission {
  readonly owner: string;
  readonly work: SubmissionWork;
  readonly callbackUrl?: string;
  readonly meta?: Readonly<Record<string, unknown>>;
}
