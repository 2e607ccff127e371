import { z } from "zod";
import { sandboxRuntimeSchema } from "../sandbox/sandbox-runtime.js";

/** The outcome of a run, as docs/api.md's status table defines it. */
export const executionStatusSchema = z.enum([
  "ok",
  "compile_error",
  "runtime_error",
  "timeout",
  "memory_limit",
  "output_limit",
  "internal_error",
]);
export type ExecutionStatus = z.infer<typeof executionStatusSchema>;

/** What one stage (compile or run) produced and used. */
export const stageResultSchema = z.object({
  stdout: z.string(),
  stderr: z.string(),
  /** null when the process was killed by a signal. */
  exitCode: z.number().int().nullable(),
  /** e.g. "SIGKILL", "SIGSEGV"; null when it exited by itself. */
  signal: z.string().nullable(),
  wallMs: z.number().int(),
  cpuMs: z.number().int(),
  /** Peak memory of the stage, in bytes. */
  memoryBytes: z.number().int(),
  /** True when stdout or stderr hit `outputBytes`. */
  truncated: z.boolean(),
});
export type StageResult = z.infer<typeof stageResultSchema>;

export const executeResultSchema = z.object({
  language: z.string(),
  /** The exact version of the toolchain that ran. */
  version: z.string(),
  status: executionStatusSchema,
  /** A StageResult for compiled languages, else null. */
  compile: stageResultSchema.nullable(),
  /** null when compilation failed or the engine failed before the run. */
  run: stageResultSchema.nullable(),
  /** Why a limit or an engine fault ended the execution, in words; absent when it ran normally. */
  message: z.string().optional(),
});
export type ExecuteResult = z.infer<typeof executeResultSchema>;

/**
 * What `languages()` lists per served language version (the server's GET /v1/languages item):
 * a language served at several versions is listed once per version, newest first.
 */
export const languageInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The exact toolchain version its image reports ("3.13.5"); a request's `version` selects it. */
  version: z.string(),
  /** Whether a request that names no version gets this one: its language's newest served. */
  default: z.boolean(),
  aliases: z.array(z.string()),
  compiled: z.boolean(),
  defaultFile: z.string(),
  /** A starter program that reads a line of stdin and greets it. */
  starter: z.string(),
  /** The CodeMirror language mode that highlights it, when one exists. */
  highlight: z.string().nullable(),
  /** The OCI runtime its sandboxes run with: "runc" (Docker's default) or "runsc" (gVisor). */
  runtime: sandboxRuntimeSchema,
});
export type LanguageInfo = z.infer<typeof languageInfoSchema>;
