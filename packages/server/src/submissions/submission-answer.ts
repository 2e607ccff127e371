import type { ExecuteResult, JudgeResult } from "@warmbox/engine";
import type {
  CallbackState,
  SubmissionRecord,
  SubmissionState,
  SubmissionWork,
} from "./submission-record.js";

/**
 * A submission as the native API answers it (`GET /v1/submissions/:id`) and as its callback
 * body: its state, and once done either `result` (the ExecuteResult or JudgeResult, by `kind`)
 * or `error` (the engine refused or failed the work).
 */
export interface SubmissionAnswer {
  id: string;
  state: SubmissionState;
  kind: SubmissionWork["kind"];
  /** The request as it was submitted. */
  request: SubmissionWork["request"];
  result?: ExecuteResult | JudgeResult;
  error?: { code: string; message: string };
  /** Times a server started running it: 2 when a server stopped mid-run and it was run again. */
  attempts: number;
  callback?: { url: string; state: CallbackState; attempts: number };
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
}

/** The native answer of a record (its owner and the API layers' `meta` stay private). */
export function submissionAnswer(record: SubmissionRecord): SubmissionAnswer {
  const { outcome } = record;
  return {
    id: record.id,
    state: record.state,
    kind: record.work.kind,
    request: record.work.request,
    ...(outcome === undefined
      ? {}
      : outcome.kind === "error"
        ? { error: outcome.error }
        : { result: outcome.result }),
    attempts: record.attempts,
    ...(record.callbackUrl === undefined
      ? {}
      : {
          callback: {
            url: record.callbackUrl,
            state: record.callbackState,
            attempts: record.callbackAttempts,
          },
        }),
    createdAt: record.createdAt.toISOString(),
    startedAt: record.startedAt?.toISOString(),
    finishedAt: record.finishedAt?.toISOString(),
  };
}
