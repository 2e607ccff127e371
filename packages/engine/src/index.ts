/**
 * @warmbox/engine: run untrusted code in warm, locked-down Docker containers.
 *
 * @example
 * ```ts
 * import { createEngine } from "@warmbox/engine";
 * await using engine = createEngine({ languages: ["python"] });
 * const result = await engine.execute({ language: "python", source: "print(input())", stdin: "hi\n" });
 * console.log(result.status, result.run?.stdout); // ok hi
 * ```
 */
export { createEngine } from "./engine/create-engine.js";
export type { EngineOptions, PoolOptions } from "./engine/engine-options.js";
export { engineOptionsSchema } from "./engine/engine-options.js";
export type {
  Engine,
  EngineHealth,
  EngineStats,
  ExecuteOptions,
  Logger,
  PoolStats,
} from "./engine/engine-types.js";
export type { EngineErrorCode, FieldIssue } from "./errors/engine-errors.js";
export {
  AbortedError,
  EngineClosedError,
  EngineError,
  EngineUnavailableError,
  ImageBuildError,
  InvalidRequestError,
  LimitExceededError,
  MemoryOvercommitError,
  OverloadedError,
  RuntimeNotRegisteredError,
  UnknownLanguageError,
} from "./errors/engine-errors.js";
export type { BuildImagesOptions, BuiltImage } from "./images/build-images.js";
export { buildImages, languageImageTag } from "./images/build-images.js";
export type { ImageBuildEvent } from "./images/build-progress.js";
export type {
  ImagePruneResult,
  PrunedImageTag,
  PruneImagesOptions,
} from "./images/prune-images.js";
export { pruneImages } from "./images/prune-images.js";
export type { Compare, JudgeOptions, JudgeRequest, JudgeTest } from "./judge/judge-request.js";
export { judgeRequestSchema, MAX_JUDGE_CONCURRENCY, MAX_TESTS } from "./judge/judge-request.js";
export type {
  JudgeResult,
  JudgeTestResult,
  OutputDiff,
  TestVerdict,
  Verdict,
} from "./judge/judge-result.js";
export { judgeResultSchema, testVerdictSchema, verdictSchema } from "./judge/judge-result.js";
export type { LanguageSpec } from "./languages/language-spec.js";
export { languageKey } from "./languages/language-spec.js";
export { languageRegistry } from "./languages/registry.js";
export { versionSatisfies } from "./languages/version-match.js";
export type { ExecuteRequest, SourceFile } from "./request/execute-request.js";
export { executeRequestSchema, fileNameProblem } from "./request/execute-request.js";
export type {
  ExecuteResult,
  ExecutionStatus,
  LanguageInfo,
  StageResult,
} from "./request/execute-result.js";
export {
  executeResultSchema,
  executionStatusSchema,
  languageInfoSchema,
  stageResultSchema,
} from "./request/execute-result.js";
export type { Limits, PartialLimits } from "./request/limits.js";
export {
  DEFAULT_COMPILE_LIMITS,
  DEFAULT_MAX_LIMITS,
  DEFAULT_RUN_LIMITS,
  limitsSchema,
  partialLimitsSchema,
} from "./request/limits.js";
export type { SandboxRuntime } from "./sandbox/sandbox-runtime.js";
export { sandboxRuntimeSchema } from "./sandbox/sandbox-runtime.js";
export { fieldIssues, fieldPath } from "./validation/field-issues.js";
