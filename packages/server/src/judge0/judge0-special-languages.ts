import type { SourceFile } from "@warmbox/engine";
import { unprocessable } from "./judge0-errors.js";
import { EXECUTABLE_ID, MULTI_FILE_ID, PLAIN_TEXT_ID } from "./judge0-language-ids.js";

/**
 * Judge0's special languages, run in the Bash sandbox by a fixed wrapper script (the entry
 * file) that no user text ever becomes part of:
 * - 43 Plain Text: the source is the output;
 * - 44 Executable: the source is a program run as is; one the kernel cannot run (not ELF, no
 *   `#!`) fails as Judge0's does, with "Exec format error" (status 14);
 * - 89 Multi-file program: `additional_files` holds `compile` (optional) and `run` scripts;
 *   a failed `compile` ends the run with MULTI_FILE_COMPILE_FAILED and its output on stderr,
 *   which the result mapping turns into a Compilation Error.
 */
export const WRAPPER_FILE = ".judge0-wrapper.sh";
/** Exit status of the wrapper when a multi-file program's `compile` script failed. */
export const MULTI_FILE_COMPILE_FAILED = 86;
/** What Bash says when the kernel refuses a program's format. */
export const EXEC_FORMAT_ERROR = "Exec format error";

const PLAIN_TEXT_FILE = "text.txt";
const EXECUTABLE_FILE = "a.out";

const WRAPPERS: Readonly<Record<number, string>> = {
  [PLAIN_TEXT_ID]: `exec cat ./${PLAIN_TEXT_FILE}\n`,
  [EXECUTABLE_ID]: [
    // The kernel runs ELF binaries and #! scripts; Bash would run anything else as a script.
    `magic=$(head -c 4 ./${EXECUTABLE_FILE} | od -An -tx1 | tr -d ' \\n')`,
    'if [ "$magic" != 7f454c46 ] && [ "${magic:0:4}" != 2321 ]; then',
    `  echo "./${EXECUTABLE_FILE}: cannot execute binary file: ${EXEC_FORMAT_ERROR}" >&2`,
    "  exit 126",
    "fi",
    `chmod +x ./${EXECUTABLE_FILE} && exec ./${EXECUTABLE_FILE} "$@"`,
    "",
  ].join("\n"),
  [MULTI_FILE_ID]: [
    "if [ -f ./compile ]; then",
    "  if ! output=$(bash ./compile 2>&1); then",
    `    printf '%s\\n' "$output" >&2`,
    `    exit ${MULTI_FILE_COMPILE_FAILED}`,
    "  fi",
    "fi",
    'exec bash ./run "$@"',
    "",
  ].join("\n"),
};

export function isSpecialLanguage(id: number): boolean {
  return id in WRAPPERS;
}

/** The files of a special language's run: the wrapper first (the entry), then the program's. */
export function specialLanguageFiles(
  id: number,
  sourceBase64: string,
  additional: readonly SourceFile[],
): SourceFile[] {
  const wrapper: SourceFile = { name: WRAPPER_FILE, content: WRAPPERS[id] ?? "" };
  if (id === MULTI_FILE_ID) {
    if (!additional.some((file) => file.name === "run")) {
      throw unprocessable({
        additional_files: ["a multi-file program needs a 'run' script at the archive's top level"],
      });
    }
    return [wrapper, ...additional];
  }
  const name = id === PLAIN_TEXT_ID ? PLAIN_TEXT_FILE : EXECUTABLE_FILE;
  return [wrapper, { name, content: sourceBase64, encoding: "base64" }, ...additional];
}
