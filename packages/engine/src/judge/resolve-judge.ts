import type { ResolvedJob } from "../engine/resolve-request.js";
import {
  EngineError,
  InvalidRequestError,
  LimitExceededError,
  UnknownLanguageError,
} from "../errors/engine-errors.js";
import type { ExecuteRequest } from "../request/execute-request.js";
import { FileTree } from "../request/file-tree.js";
import type { SandboxFile } from "../sandbox/sandbox.js";
import { invalidInput, parseOrThrow } from "../validation/field-issues.js";
import type { OutputComparison } from "./compare-output.js";
import { type JudgeRequest, judgeRequestSchema } from "./judge-request.js";

/** The files a checker gets beside its own, in this order as its argv 1-3. */
export const CHECKER_INPUT_FILES = ["input", "expected", "actual"] as const;

/** One test, ready to run: its own stdin, args and files. */
export interface ResolvedTest {
  index: number;
  name: string;
  stdin: Buffer;
  args: string[];
  files: SandboxFile[];
  expected: string | undefined;
}

/** How outputs are compared: a built-in mode, or a checker program (a resolved job of its own). */
export type ResolvedComparison = { output: OutputComparison } | { checker: ResolvedJob };

/** A judge request checked against the schema and the engine's policy, ready to run. */
export interface ResolvedJudge {
  /** The submission, as execute() would run it (its own stdin and args unused by tests). */
  program: ResolvedJob;
  tests: ResolvedTest[];
  comparison: ResolvedComparison;
  stopOnFirstFailure: boolean;
  /** Most tests at once as asked; the pool bounds it further. */
  concurrency: number | undefined;
  reveal: boolean;
}

/** Resolves an ExecuteRequest against the engine's languages and limits (resolveRequest). */
export type ResolveExecute = (request: ExecuteRequest) => ResolvedJob;

/**
 * Checks a judge request before anything runs: the schema (every field at fault named, e.g.
 * `tests[3].expected`), the program and the checker against the languages served and the limit
 * policy. Throws InvalidRequestError, UnknownLanguageError or LimitExceededError.
 */
export function resolveJudge(request: JudgeRequest, resolve: ResolveExecute): ResolvedJudge {
  const body = parseOrThrow(judgeRequestSchema, request, "request");
  const { tests, compare, stopOnFirstFailure, concurrency, reveal, ...execute } = body;
  const program = resolve(execute);
  checkTestFiles(tests, program);
  return {
    program,
    tests: tests.map((test, index) => ({
      index,
      name: test.name ?? `test ${index + 1}`,
      stdin: Buffer.from(test.stdin ?? ""),
      args: test.args ?? program.args,
      files: (test.files ?? []).map((file) => ({
        name: file.name,
        content: Buffer.from(file.content, file.encoding === "base64" ? "base64" : "utf8"),
      })),
      expected: test.expected,
    })),
    comparison:
      compare === undefined || typeof compare === "string" || "float" in compare
        ? { output: compare ?? "lines" }
        : { checker: resolveChecker(compare.checker, resolve) },
    stopOnFirstFailure: stopOnFirstFailure ?? false,
    concurrency,
    reveal: reveal ?? false,
  };
}

/**
 * A test's files are written beside the program's: none may have a program file's name, and
 * none may be a file where another of the two needs a directory (`data` and `data/in.txt`).
 */
function checkTestFiles(
  tests: ReadonlyArray<{ files?: Array<{ name: string }> }>,
  program: ResolvedJob,
) {
  const programFiles = program.files.map((file) => file.name);
  const programNames = new Set(programFiles);
  const issues = tests.flatMap((test, index) => {
    const testFiles = (test.files ?? []).map((file) => file.name);
    if (testFiles.length === 0) return [];
    const tree = new FileTree([...programFiles, ...testFiles]);
    // A test file in the way of a program file's directory.
    const inTheWay = new Set(programFiles.map((name) => tree.fileAbove(name)));
    return testFiles.flatMap((name, fileIndex) => {
      const path = `tests[${index}].files[${fileIndex}].name`;
      if (programNames.has(name))
        return [{ path, message: `'${name}' is also a file of the program` }];
      const above = tree.fileAbove(name);
      if (above !== undefined)
        return [{ path, message: `'${above}' is a file, so it can't hold '${name}'` }];
      if (inTheWay.has(name))
        return [{ path, message: `'${name}' is a directory of the program's files` }];
      return [];
    });
  });
  if (issues.length > 0) throw invalidInput("request", issues);
}

type CheckerRequest = Extract<
  NonNullable<JudgeRequest["compare"]>,
  { checker: unknown }
>["checker"];

/** The checker as a program of its own; its errors name their fields under `compare.checker`. */
function resolveChecker(checker: CheckerRequest, resolve: ResolveExecute): ResolvedJob {
  const { language, version, source, files, limits } = checker;
  let job: ResolvedJob;
  try {
    job = resolve({ language, version, source, files, limits });
  } catch (error) {
    throw underChecker(error);
  }
  const reserved = job.files.findIndex((file) =>
    (CHECKER_INPUT_FILES as readonly string[]).includes(file.name),
  );
  if (reserved >= 0) {
    const message = `is reserved for the checker's ${CHECKER_INPUT_FILES.join(", ")} files`;
    throw new InvalidRequestError(`compare.checker.files[${reserved}].name ${message}`, [
      { path: `compare.checker.files[${reserved}].name`, message },
    ]);
  }
  return job;
}

const CHECKER_PATH = "compare.checker";

/** The same error, its fields named from the judge request's root (`compare.checker.limits.timeMs`). */
function underChecker(error: unknown): unknown {
  if (!EngineError.isInstance(error)) return error;
  if (UnknownLanguageError.isInstance(error))
    return new UnknownLanguageError(`${CHECKER_PATH}.language: ${error.message}`, error.available);
  if (LimitExceededError.isInstance(error))
    return new LimitExceededError(`${CHECKER_PATH}.${error.field}`, error.requested, error.maximum);
  if (InvalidRequestError.isInstance(error)) {
    const details = error.details.map((issue) => ({
      ...issue,
      path: issue.path === "(request)" ? CHECKER_PATH : `${CHECKER_PATH}.${issue.path}`,
    }));
    return invalidInput("request", details);
  }
  return error;
}
