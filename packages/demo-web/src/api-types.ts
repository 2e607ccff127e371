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
  LanguageEntry,
  LanguageStatus,
  RunClientMessage,
  RunServerMessage,
  StageResult,
} from "@warmbox/server/api-types";
