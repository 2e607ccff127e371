import { z } from "zod";
import { stageResultSchema } from "../request/execute-result.js";

/** The verdict of a whole submission: its first failing test's verdict in test order, else accepted. */
export const verdictSchema = z.enum([
  "accepted",
  "wrong_answer",
  "compile_error",
  "runtime_error",
  "timeout",
  "memory_limit",
  "output_limit",
  "internal_error",
]);
export type Verdict = z.infer<typeof verdictSchema>;

/** A test's verdict; `skipped` when `stopOnFirstFailure` stopped before it (or compiling failed). */
export const testVerdictSchema = z.enum([...verdictSchema.options, "skipped"]);
export type TestVerdict = z.infer<typeof testVerdictSchema>;

/** Where expected and actual output first differ (only with `reveal: true`). */
export const outputDiffSchema = z.object({
  /** 1-based line of the first difference. */
  line: z.number().int(),
  /** That line of the expected output, cut to a bound. */
  expected: z.string(),
  /** That line of the actual output, cut to a bound. */
  actual: z.string(),
});
export type OutputDiff = z.infer<typeof outputDiffSchema>;

export const judgeTestResultSchema = z.object({
  /** The test's position in the request, 0-based. */
  index: z.number().int(),
  name: z.string(),
  verdict: testVerdictSchema,
  /** The run of this test; null when skipped. */
  run: stageResultSchema.nullable(),
  /** Why a limit or an engine fault ended the run, in words. */
  message: z.string().optional(),
  /** What the checker printed, when a checker compared (only with `reveal`). */
  checkerMessage: z.string().optional(),
  diff: outputDiffSchema.optional(),
});
export type JudgeTestResult = z.infer<typeof judgeTestResultSchema>;

export const judgeResultSchema = z.object({
  language: z.string(),
  version: z.string(),
  verdict: verdictSchema,
  /** The one compile stage, for compiled languages; else null. */
  compile: stageResultSchema.nullable(),
  /** Every test of the request, in request order. */
  tests: z.array(judgeTestResultSchema),
  /** Tests accepted. */
  passed: z.number().int(),
  /** Tests in the request. */
  total: z.number().int(),
  /** The longest wall time and the highest peak memory of the tests that ran. */
  maxWallMs: z.number().int(),
  maxMemoryBytes: z.number().int(),
  /** Why the judge ended early (compile error, engine fault), in words. */
  message: z.string().optional(),
});
export type JudgeResult = z.infer<typeof judgeResultSchema>;
