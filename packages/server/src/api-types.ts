/**
 * The wire types of Warmbox's HTTP and WebSocket API (docs/api.md), for clients written in
 * TypeScript. Types only: `import type` them from `@warmbox/server/api-types`, and nothing of the
 * server enters the client's bundle.
 *
 * @example
 * ```ts
 * import type { ExecuteResult, RunServerMessage } from "@warmbox/server/api-types";
 * ```
 */

export type {
  Compare,
  ExecuteRequest,
  ExecuteResult,
  ExecutionStatus,
  JudgeRequest,
  JudgeResult,
  JudgeTest,
  JudgeTestResult,
  OutputDiff,
  PartialLimits,
  SourceFile,
  StageResult,
  TestVerdict,
  Verdict,
} from "@warmbox/engine";
export type { ErrorBody, PistonErrorBody } from "./errors/error-answer.js";
export type { ApiErrorCode } from "./errors/http-error.js";
export type { LanguageEntry, LanguageStatus } from "./execution/language-entry.js";
export type {
  PistonClientMessage,
  PistonServerMessage,
  RunClientMessage,
  RunServerMessage,
} from "./http/websocket-messages.js";
export type { BatchItemError, BatchRequest, BatchResponse } from "./routes/batch-schema.js";
export type { JudgeStreamEvents } from "./routes/judge-routes.js";
