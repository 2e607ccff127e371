import { createEngine } from "../engine/create-engine.js";
import { InvalidRequestError } from "../errors/engine-errors.js";
import type { Compare, JudgeTest } from "../judge/judge-request.js";
import { EXIT_NOT_ACCEPTED, EXIT_OK } from "./exit-codes.js";
import { judgeProgressView } from "./judge-progress-view.js";
import { judgeReport } from "./judge-report.js";
import { readProgramFile, servedFor } from "./program-file.js";
import { readTestDirectory } from "./test-directory.js";
import { UsageError } from "./usage-error.js";

export interface JudgeCommandOptions {
  /** The folder of NAME.in / NAME.out pairs. */
  tests: string;
  language?: string;
  /** The language's version: exact or a semver range. @default the newest */
  version?: string;
  compare?: Compare;
  /** A checker program's file, judging instead of `compare`. */
  checker?: string;
  checkerLanguage?: string;
  stopOnFirstFailure?: boolean;
  reveal?: boolean;
  timeMs?: number;
  memoryMb?: number;
  concurrency?: number;
}

/** A refused request, its tests named as in the folder ("test '7'") instead of "tests[6]". */
function namingTests(error: unknown, tests: JudgeTest[]): unknown {
  if (!InvalidRequestError.isInstance(error)) return error;
  return new UsageError(
    error.message.replace(/tests\[(\d+)\]/g, (path, index: string) => {
      const name = tests[Number(index)]?.name;
      return name === undefined ? path : `test '${name}'`;
    }),
  );
}

/**
 * `warmbox judge`: compiles the solution once, runs it on every test of the folder, prints a
 * table of verdicts and exits 0 only when every test is accepted.
 */
export async function judgeCommand(file: string, options: JudgeCommandOptions): Promise<void> {
  const program = await readProgramFile(file, options.language, options.version);
  const tests = await readTestDirectory(options.tests);
  const checker = options.checker
    ? await readProgramFile(options.checker, options.checkerLanguage)
    : undefined;
  await using engine = createEngine({
    languages: checker ? [servedFor(program), checker.language] : [servedFor(program)],
    // Sandboxes start as tests need them: a one-off command keeps none warm.
    pool: { min: 0, max: options.concurrency },
  });
  const view = judgeProgressView(tests.length);
  const result = await engine
    .judge(
      {
        ...program,
        tests,
        compare: checker ? { checker } : options.compare,
        stopOnFirstFailure: options.stopOnFirstFailure,
        reveal: options.reveal,
        concurrency: options.concurrency,
        limits: { timeMs: options.timeMs, memoryMb: options.memoryMb },
      },
      { onCompile: view.onCompile, onTest: view.onTest },
    )
    .catch((error: unknown) => {
      throw namingTests(error, tests);
    })
    .finally(view.stop);
  if (result.verdict === "compile_error" && result.compile)
    process.stderr.write(result.compile.stderr + result.compile.stdout);
  process.stdout.write(judgeReport(result, { reveal: options.reveal ?? false }));
  process.exitCode = result.verdict === "accepted" ? EXIT_OK : EXIT_NOT_ACCEPTED;
}
