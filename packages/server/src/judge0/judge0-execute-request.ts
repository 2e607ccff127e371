import {
  type ExecuteRequest,
  executeRequestSchema,
  fieldPath,
  type PartialLimits,
  type SourceFile,
} from "@warmbox/engine";
import { extractAdditionalFiles } from "./judge0-additional-files.js";
import { splitArguments } from "./judge0-arguments.js";
import { unprocessable } from "./judge0-errors.js";
import { findJudge0Language, SPECIAL_LANGUAGE_HOST } from "./judge0-language-ids.js";
import { type EngineLimitPolicy, languageRunLimits } from "./judge0-settings.js";
import { isSpecialLanguage, specialLanguageFiles } from "./judge0-special-languages.js";
import type { Judge0SubmissionRequest } from "./judge0-submission-request.js";

/** The engine's smallest process and file-size limits (a request may not go below them). */
const MIN_PROCESSES = 8;
const MIN_FILE_SIZE_BYTES = 1_024;

/** The Judge0 field an engine request field comes from. */
const JUDGE0_FIELD_OF: Readonly<Record<string, string>> = {
  files: "additional_files",
  args: "command_line_arguments",
  compilerOptions: "compiler_options",
  stdin: "stdin",
};

/** The Warmbox language a Judge0 language id runs as. */
export function warmboxLanguageOf(languageId: number): string | undefined {
  if (isSpecialLanguage(languageId)) return SPECIAL_LANGUAGE_HOST;
  return findJudge0Language(languageId)?.entry.language;
}

/**
 * The limits a Judge0 submission sets, in the engine's units; a limit the client left out is
 * left out here too, so the language's defaults apply. The CPU limit includes
 * `cpu_extra_time` (Judge0 lets a program run that much longer, then reports the time limit
 * exceeded: see the result mapping).
 */
export function judge0Limits(
  request: Judge0SubmissionRequest,
  language: string,
  policy: EngineLimitPolicy,
): PartialLimits {
  const limits: PartialLimits = {};
  if (request.cpu_time_limit !== null || request.cpu_extra_time !== null) {
    const base = request.cpu_time_limit ?? languageRunLimits(policy, language).cpuMs / 1_000;
    const withGrace = Math.ceil((base + (request.cpu_extra_time ?? 0)) * 1_000);
    limits.cpuMs = Math.min(policy.max.cpuMs, Math.max(1, withGrace));
  }
  if (request.wall_time_limit !== null)
    limits.timeMs = Math.max(1, Math.ceil(request.wall_time_limit * 1_000));
  if (request.memory_limit !== null) limits.memoryMb = Math.ceil(request.memory_limit / 1_024);
  if (request.max_processes_and_or_threads !== null)
    limits.processes = Math.max(MIN_PROCESSES, request.max_processes_and_or_threads);
  if (request.max_file_size !== null)
    limits.fileSizeBytes = Math.max(MIN_FILE_SIZE_BYTES, request.max_file_size * 1_024);
  if (request.enable_network) limits.network = true;
  return limits;
}

/**
 * The engine request that runs a Judge0 submission: the source under the language's default
 * file name (or a special language's wrapper), the files of `additional_files` beside it,
 * the arguments split as a shell would, and the limits the client set. Refused with a 422
 * naming the Judge0 field when the result is not a valid engine request (e.g. an archive file
 * named like the source).
 */
export async function toExecuteRequest(
  request: Judge0SubmissionRequest,
  options: {
    policy: EngineLimitPolicy;
    defaultFileOf: (language: string) => string;
    maxExtractBytes: number;
  },
): Promise<ExecuteRequest> {
  const language = warmboxLanguageOf(request.language_id);
  if (language === undefined) {
    throw unprocessable({
      language_id: [`language with id ${request.language_id} doesn't exist`],
    });
  }
  const additional = request.additional_files
    ? await extractAdditionalFiles(request.additional_files, options.maxExtractBytes)
    : [];
  const files: SourceFile[] = isSpecialLanguage(request.language_id)
    ? specialLanguageFiles(request.language_id, request.source_base64, additional)
    : [
        {
          name: options.defaultFileOf(language),
          content: request.source_base64,
          encoding: "base64",
        },
        ...additional,
      ];
  const executeRequest: ExecuteRequest = {
    language,
    files,
    stdin: request.stdin ?? "",
    args: request.command_line_arguments ? splitArguments(request.command_line_arguments) : [],
    compilerOptions: request.compiler_options
      ? splitArguments(request.compiler_options, "compiler_options")
      : [],
    limits: judge0Limits(request, language, options.policy),
  };
  const checked = executeRequestSchema.safeParse(executeRequest);
  if (!checked.success) {
    const messages = checked.error.issues.map(
      (issue) => `${fieldPath(issue.path, "request")}: ${issue.message}`,
    );
    const first = checked.error.issues[0]?.path[0];
    throw unprocessable({ [JUDGE0_FIELD_OF[String(first)] ?? "source_code"]: messages });
  }
  return executeRequest;
}
