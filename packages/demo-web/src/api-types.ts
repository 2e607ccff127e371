/**
 * The shapes of Warmbox's v1 API (docs/api.md) that the page speaks, from the server that
 * defines them. `export type` only: the types vanish from the bundle, so no server code ships.
 */
export type {
  ApiErrorCode,
  ErrorBody,
  ExecuteRequest,
  ExecuteResult,
  ExecutionStatus,
  JudgeRequest,
  JudgeResult,
  JudgeTest,
  JudgeTestResult,
  LanguageEntry,
  LanguageStatus,
  RunClientMessage,
  RunServerMessage,
  StageResult,
  TestVerdict,
} from "@warmbox/server/api-types";
