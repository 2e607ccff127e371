import { z } from "zod";
import {
  executeRequestSchema,
  MAX_ARGS,
  MAX_ARGS_BYTES,
  MAX_STDIN_BYTES,
  sourceFileSchema,
} from "../request/execute-request.js";
import type { StageResult } from "../request/execute-result.js";
import { partialLimitsSchema } from "../request/limits.js";
import type { JudgeTestResult } from "./judge-result.js";

/** Most tests one judge request may carry. */
export const MAX_TESTS = 1_000;
/** Most bytes of one test's expected output: no run may print more than the largest output cap. */
export const MAX_EXPECTED_BYTES = 1_048_576;
/** Most bytes of all tests' stdin and expected output together, held in memory for the judge. */
export const MAX_TESTS_TOTAL_BYTES = 128 * 1_048_576;
/** Most tests run at once for one judge request (the pools bound it further). */
export const MAX_JUDGE_CONCURRENCY = 64;

/** One test case: the program's input, and what it should print. */
export const judgeTestSchema = z
  .object({
    /** Shown in results; defaults to "test N" (1-based). */
    name: z.string().min(1).max(128).optional(),
    /** The program's stdin for this test. @default "" */
    stdin: z.string().max(MAX_STDIN_BYTES).optional(),
    /** Command-line arguments for this test; the request's `args` when absent. */
    args: z
      .array(
        z.string().refine((arg) => !arg.includes("\0"), "an argument cannot contain a NUL byte"),
      )
      .max(MAX_ARGS)
      .optional(),
    /** The expected stdout. Absent: only the run's status decides the verdict. */
    expected: z.string().max(MAX_EXPECTED_BYTES).optional(),
    /** Extra files for this test only, written beside the compiled program. */
    files: z.array(sourceFileSchema).max(100).optional(),
  })
  .strict();

/** A checker program: gets `input`, `expected` and `actual` files (also as argv 1-3). */
export const checkerSchema = z
  .object({
    language: z.string().min(1).max(64),
    version: z.string().max(64).optional(),
    source: z.string().optional(),
    files: z.array(sourceFileSchema).min(1).max(100).optional(),
    /** The checker's run limits; its language's defaults when absent. */
    limits: partialLimitsSchema.optional(),
  })
  .strict();

/**
 * How a test's stdout is compared with its `expected`:
 * - `"exact"`: byte for byte;
 * - `"lines"` (default): trailing whitespace of each line and trailing blank lines ignored;
 * - `"tokens"`: the whitespace-separated tokens are equal;
 * - `{ float: { absolute?, relative? } }`: tokens equal, numbers within either tolerance;
 * - `{ checker }`: a program decides (exit 0 accepted, 1 wrong answer, else internal_error),
 *   its stdout is the test's `checkerMessage` (with `reveal` only).
 */
export const compareSchema = z.union([
  z.enum(["exact", "lines", "tokens"]),
  z
    .object({
      float: z
        .object({
          absolute: z.number().nonnegative().optional(),
          relative: z.number().nonnegative().optional(),
        })
        .strict(),
    })
    .strict(),
  z.object({ checker: checkerSchema }).strict(),
]);
export type Compare = z.input<typeof compareSchema>;

/** An ExecuteRequest plus its tests: compiled once, then run once per test. */
export const judgeRequestSchema = executeRequestSchema
  .safeExtend({
    tests: z.array(judgeTestSchema).min(1).max(MAX_TESTS),
    /** @default "lines" */
    compare: compareSchema.optional(),
    /** Stop at the first test that isn't accepted; the rest are `skipped`. @default false */
    stopOnFirstFailure: z.boolean().optional(),
    /** Most tests run at once (bounded by the language's pool). @default the pool's max */
    concurrency: z.number().int().min(1).max(MAX_JUDGE_CONCURRENCY).optional(),
    /** Include `diff` (expected vs actual at the first difference) in each failed test. @default false */
    reveal: z.boolean().optional(),
  })
  .superRefine(checkTestSizes);

/**
 * What the tests' own schema can't see: sizes in bytes (the schema's max counts UTF-16 units,
 * the sandbox holds bytes, up to 3 per unit), the total of all tests, and a test's files given
 * twice.
 */
function checkTestSizes(
  request: { tests: Array<z.output<typeof judgeTestSchema>> },
  ctx: z.RefinementCtx,
): void {
  const issue = (path: PropertyKey[], message: string) =>
    ctx.addIssue({ code: "custom", path, message });
  let totalBytes = 0;
  for (const [index, test] of request.tests.entries()) {
    const stdinBytes = Buffer.byteLength(test.stdin ?? "");
    const expectedBytes = Buffer.byteLength(test.expected ?? "");
    const argsBytes = (test.args ?? []).reduce((sum, arg) => sum + Buffer.byteLength(arg), 0);
    totalBytes += stdinBytes + expectedBytes;
    if (stdinBytes > MAX_STDIN_BYTES) {
      issue(["tests", index, "stdin"], `exceeds ${MAX_STDIN_BYTES} bytes`);
    }
    if (expectedBytes > MAX_EXPECTED_BYTES) {
      issue(["tests", index, "expected"], `exceeds ${MAX_EXPECTED_BYTES} bytes`);
    }
    if (argsBytes > MAX_ARGS_BYTES) {
      issue(["tests", index, "args"], `exceed ${MAX_ARGS_BYTES} bytes`);
    }
    const seen = new Set<string>();
    for (const [fileIndex, file] of (test.files ?? []).entries()) {
      if (seen.has(file.name)) {
        issue(["tests", index, "files", fileIndex, "name"], `duplicate file name '${file.name}'`);
      }
      seen.add(file.name);
    }
  }
  if (totalBytes > MAX_TESTS_TOTAL_BYTES) {
    issue(
      ["tests"],
      `stdin and expected of all tests total ${totalBytes} bytes, above ${MAX_TESTS_TOTAL_BYTES}`,
    );
  }
}

/** What a caller passes to `judge()`. */
export type JudgeRequest = z.input<typeof judgeRequestSchema>;
export type JudgeTest = z.input<typeof judgeTestSchema>;

/** Options of one `judge()` call. */
export interface JudgeOptions {
  /** Aborting stops the judge: running tests are killed, the rest skipped; judge() rejects with AbortedError. */
  signal?: AbortSignal;
  /** The compile stage's result, as soon as it is known (compiled languages only). */
  onCompile?: (stage: StageResult) => void;
  /** Each test's result as it finishes (in finishing order; `index` gives its place). */
  onTest?: (test: JudgeTestResult) => void;
}
