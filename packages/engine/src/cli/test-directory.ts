import { readdir } from "node:fs/promises";
import { join } from "node:path";
import type { JudgeTest } from "../judge/judge-request.js";
import { readTextFile } from "./read-text-file.js";
import { UsageError } from "./usage-error.js";

/** The input file's extension, and the extensions an expected output may have, in that order. */
const INPUT_EXTENSION = ".in";
const ANSWER_EXTENSIONS = [".out", ".ans", ".a"];

/** One test of a folder: its name and the files that hold its input and expected output. */
export interface TestFilePair {
  name: string;
  input: string;
  answer: string;
}

/** How the files of a test folder pair up. */
export interface TestFilePairing {
  /** Complete tests, in natural order of their names ("2" before "10"). */
  pairs: TestFilePair[];
  /** Files that belong to no test, each with why ("no 3.out, 3.ans or 3.a"). */
  problems: string[];
}

const naturalOrder = new Intl.Collator("en", { numeric: true }).compare;

/** "3.out, 3.ans or 3.a": the files that could hold a test's expected output. */
function answerFiles(name: string): string {
  const files = ANSWER_EXTENSIONS.map((extension) => name + extension);
  return `${files.slice(0, -1).join(", ")} or ${files.at(-1)}`;
}

/** Splits "name.ext" into the name and the extension when the extension is a test's. */
function testPart(file: string): { name: string; extension: string } | undefined {
  for (const extension of [INPUT_EXTENSION, ...ANSWER_EXTENSIONS]) {
    if (file.endsWith(extension) && file.length > extension.length)
      return { name: file.slice(0, -extension.length), extension };
  }
  return undefined;
}

/**
 * Pairs `NAME.in` with `NAME.out` (or `NAME.ans`, `NAME.a`). Other files are not tests and are
 * left out; an input without an answer, an answer without an input, or an input with two answers
 * is a problem.
 */
export function pairTestFiles(files: readonly string[]): TestFilePairing {
  const byName = new Map<string, { input?: string; answers: string[] }>();
  for (const file of files) {
    const part = testPart(file);
    if (!part) continue;
    const entry = byName.get(part.name) ?? { answers: [] };
    if (part.extension === INPUT_EXTENSION) entry.input = file;
    else entry.answers.push(file);
    byName.set(part.name, entry);
  }
  const pairs: TestFilePair[] = [];
  const problems: string[] = [];
  for (const name of [...byName.keys()].sort(naturalOrder)) {
    const { input, answers } = byName.get(name) ?? { answers: [] };
    const [answer, ...others] = answers;
    if (!input) problems.push(`${answers.join(", ")}: no ${name}${INPUT_EXTENSION}`);
    else if (!answer) problems.push(`${input}: no ${answerFiles(name)}`);
    else if (others.length > 0)
      problems.push(`${input}: more than one expected output (${answers.join(", ")})`);
    else pairs.push({ name, input, answer });
  }
  return { pairs, problems };
}

/** Reads the tests of a folder of `NAME.in` / `NAME.out` pairs; a folder with a problem is refused. */
export async function readTestDirectory(directory: string): Promise<JudgeTest[]> {
  const entries = await readdir(directory, { withFileTypes: true }).catch(
    (error: NodeJS.ErrnoException) => {
      throw new UsageError(
        `cannot read the test folder '${directory}': ${error.code ?? error.message}`,
      );
    },
  );
  const { pairs, problems } = pairTestFiles(
    entries.filter((entry) => entry.isFile()).map((entry) => entry.name),
  );
  if (problems.length > 0)
    throw new UsageError(
      `${directory}: ${problems.length} file${problems.length === 1 ? "" : "s"} without a pair:\n${problems.map((problem) => `  ${problem}`).join("\n")}`,
    );
  if (pairs.length === 0)
    throw new UsageError(
      `${directory}: no tests (NAME${INPUT_EXTENSION} with ${answerFiles("NAME")})`,
    );
  return Promise.all(
    pairs.map(async ({ name, input, answer }) => ({
      name,
      stdin: await readTextFile(join(directory, input)),
      expected: await readTextFile(join(directory, answer)),
    })),
  );
}
