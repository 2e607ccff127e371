import {
  COLLECT_MAX_BYTES,
  COLLECT_MAX_ENTRIES,
  COLLECT_MAX_PATH,
  type CollectAnswer,
  type CollectRefusal,
} from "../protocol/collect.js";
import { fileNameProblem } from "../request/execute-request.js";
import type { SandboxFile } from "./sandbox.js";

/** Longest part of a bad name quoted in an error message. */
const QUOTED_NAME_MAX = 120;

/**
 * The work directory's files can't be collected: they pass a bound, or one is named so that the
 * engine won't put it anywhere. What the job left is at fault, not the sandbox: it stays usable.
 */
export class CollectRefusedError extends Error {
  override readonly name = "CollectRefusedError";

  constructor(
    /** Which rule the files broke: a bound of COLLECT, or `bad_name` (see `fileNameProblem`). */
    readonly reason: CollectRefusal | "bad_name",
    message: string,
  ) {
    super(message);
  }
}

const REFUSAL_MESSAGES: Record<CollectRefusal, string> = {
  too_many_bytes: `the work directory's files are more than ${COLLECT_MAX_BYTES / 1_048_576} MiB together`,
  too_many_entries: `the work directory holds more than ${COLLECT_MAX_ENTRIES} entries`,
  path_too_long: `the work directory has a path longer than ${COLLECT_MAX_PATH} bytes`,
};

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * The files of a COLLECT's answer, each name checked with the rules of a request's file names
 * (the stage that made them ran untrusted code, which can name a file anything). Throws
 * CollectRefusedError for a refusal or a name that breaks a rule.
 */
export function collectedFiles(answer: CollectAnswer): SandboxFile[] {
  if (answer.outcome !== "done") {
    throw new CollectRefusedError(answer.outcome, REFUSAL_MESSAGES[answer.outcome]);
  }
  return answer.files.map(({ name: raw, mode, content }) => {
    let name: string;
    try {
      name = strictUtf8.decode(raw);
    } catch {
      throw new CollectRefusedError(
        "bad_name",
        `a collected file name is not UTF-8: ${quote(raw.toString())}`,
      );
    }
    const problem = fileNameProblem(name);
    if (problem) {
      throw new CollectRefusedError("bad_name", `collected file name ${quote(name)} ${problem}`);
    }
    return { name, mode, content };
  });
}

function quote(name: string): string {
  const cut = name.length > QUOTED_NAME_MAX ? `${name.slice(0, QUOTED_NAME_MAX)}…` : name;
  return JSON.stringify(cut);
}
