/**
 * The shapes of Warmbox's v1 HTTP API (docs/api.md) that the page speaks.
 * Kept by hand: the page ships no server code, and these are the API's fixed field names.
 */

/** Whether a language runs now, or its runner image is still being built, or failed to build. */
export type LanguageStatus = "ready" | "building" | "failed";

/** One item of `GET /v1/languages`. */
export interface LanguageInfo {
  id: string;
  name: string;
  /** The toolchain's exact version; null while its image is being built. */
  version: string | null;
  /** Absent from servers that list only the languages they run. */
  status?: LanguageStatus;
  aliases: string[];
  compiled: boolean;
  defaultFile: string;
  /** A starter program that reads a line of stdin and greets it. */
  starter?: string;
  /** The CodeMirror mode that highlights it ("python", "cpp", ...); null or absent = plain text. */
  highlight?: string | null;
}

export type ExecutionStatus =
  | "ok"
  | "compile_error"
  | "runtime_error"
  | "timeout"
  | "memory_limit"
  | "output_limit"
  | "internal_error";

export interface StageResult {
  stdout: string;
  stderr: string;
  exitCode: number | null;
  signal: string | null;
  wallMs: number;
  cpuMs: number;
  memoryBytes: number;
  truncated: boolean;
}

export interface ExecuteResult {
  language: string;
  version: string;
  status: ExecutionStatus;
  compile: StageResult | null;
  run: StageResult | null;
  /** Why a limit or an engine fault ended the run, in words. */
  message?: string;
}

export interface ExecuteRequest {
  language: string;
  version?: string;
  files?: { name: string; content: string; encoding?: "utf8" | "base64" }[];
  source?: string;
  stdin?: string;
  args?: string[];
  limits?: Partial<{
    timeMs: number;
    cpuMs: number;
    memoryMb: number;
    outputBytes: number;
  }>;
}

/** The API's error body: `{ error: { code, message, details } }`. */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown };
}
