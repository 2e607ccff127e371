import type { SubmissionRecord } from "../submissions/submission-record.js";
import { utf8Text } from "./judge0-base64.js";
import type { SubmissionAttribute } from "./judge0-fields.js";
import { judge0RunOutcome } from "./judge0-run-outcome.js";
import { type Judge0StatusId, judge0Status } from "./judge0-statuses.js";
import type { Judge0SubmissionRequest } from "./judge0-submission-request.js";

/** The limits a submission ran with, in Judge0's units, for the ones its client left out. */
export interface EffectiveLimits {
  cpu_time_limit: number;
  wall_time_limit: number;
  memory_limit: number;
  max_processes_and_or_threads: number;
  max_file_size: number;
}

export interface ViewOptions {
  /** Texts base64 encoded (`base64_encoded=true`). */
  base64: boolean;
  fields: readonly SubmissionAttribute[];
  languageName: (languageId: number) => string;
  effectiveLimits: (languageId: number) => EffectiveLimits;
  stackLimitKb: number;
}

/** Texts that Judge0 sends base64 encoded when asked to. */
const TEXT_ATTRIBUTES = new Set<SubmissionAttribute>([
  "source_code",
  "stdin",
  "expected_output",
  "stdout",
  "stderr",
  "compile_output",
  "message",
]);

/** The engine decodes output as UTF-8, replacing what isn't with U+FFFD. */
const REPLACEMENT = "\uFFFD";

/** The Judge0 request a submission was made from; undefined for one of another API. */
export function judge0RequestOf(record: SubmissionRecord): Judge0SubmissionRequest | undefined {
  const request = record.meta.judge0;
  return typeof request === "object" && request !== null
    ? (request as Judge0SubmissionRequest)
    : undefined;
}

/** Thrown when a requested text is not valid UTF-8 and base64 was not asked for. */
export class NotUtf8Error extends Error {
  override readonly name = "NotUtf8Error";
}

function allAttributes(
  record: SubmissionRecord,
  request: Judge0SubmissionRequest,
  options: ViewOptions,
): Record<SubmissionAttribute, unknown> {
  const outcome =
    record.state === "done" && record.outcome
      ? judge0RunOutcome(record.outcome, request)
      : undefined;
  const statusId: Judge0StatusId = outcome?.statusId ?? (record.state === "queued" ? 1 : 2);
  const source = Buffer.from(request.source_base64, "base64");
  const limits = options.effectiveLimits(request.language_id);
  return {
    source_code: utf8Text(source) ?? REPLACEMENT,
    language_id: request.language_id,
    stdin: request.stdin,
    expected_output: request.expected_output,
    stdout: outcome?.stdout ?? null,
    status_id: statusId,
    created_at: record.createdAt.toISOString(),
    finished_at: record.finishedAt?.toISOString() ?? null,
    time: outcome?.time ?? null,
    memory: outcome?.memory ?? null,
    stderr: outcome?.stderr ?? null,
    token: record.id,
    number_of_runs: request.number_of_runs ?? 1,
    cpu_time_limit: request.cpu_time_limit ?? limits.cpu_time_limit,
    cpu_extra_time: request.cpu_extra_time ?? 0,
    wall_time_limit: request.wall_time_limit ?? limits.wall_time_limit,
    memory_limit: request.memory_limit ?? limits.memory_limit,
    stack_limit: request.stack_limit ?? options.stackLimitKb,
    max_processes_and_or_threads:
      request.max_processes_and_or_threads ?? limits.max_processes_and_or_threads,
    enable_per_process_and_thread_time_limit:
      request.enable_per_process_and_thread_time_limit ?? false,
    enable_per_process_and_thread_memory_limit:
      request.enable_per_process_and_thread_memory_limit ?? false,
    max_file_size: request.max_file_size ?? limits.max_file_size,
    compile_output: outcome?.compile_output ?? null,
    exit_code: outcome?.exit_code ?? null,
    exit_signal: outcome?.exit_signal ?? null,
    message: outcome?.message ?? null,
    wall_time: outcome?.wall_time ?? null,
    compiler_options: request.compiler_options,
    command_line_arguments: request.command_line_arguments,
    redirect_stderr_to_stdout: request.redirect_stderr_to_stdout,
    callback_url: request.callback_url,
    additional_files: request.additional_files,
    enable_network: request.enable_network,
    status: judge0Status(statusId),
    language: { id: request.language_id, name: options.languageName(request.language_id) },
  };
}

/**
 * A submission as Judge0 answers it: the requested `fields` only, texts base64 encoded when
 * asked. Without base64, a source that is not valid UTF-8 throws NotUtf8Error (Judge0 refuses
 * to answer it then). The program's output is always answered: the engine decoded it as UTF-8
 * already, bytes that weren't show as U+FFFD (also in base64), and a U+FFFD the program printed
 * itself can't be told from them, so neither makes the answer an error.
 */
export function judge0SubmissionView(
  record: SubmissionRecord,
  request: Judge0SubmissionRequest,
  options: ViewOptions,
): Record<string, unknown> {
  const all = allAttributes(record, request, options);
  const source = Buffer.from(request.source_base64, "base64");
  const view: Record<string, unknown> = {};
  for (const field of options.fields) {
    let value = all[field];
    if (TEXT_ATTRIBUTES.has(field) && typeof value === "string") {
      if (field === "source_code" && options.base64) value = request.source_base64;
      else if (options.base64) value = Buffer.from(value, "utf8").toString("base64");
      else if (field === "source_code" && utf8Text(source) === undefined)
        throw new NotUtf8Error(field);
    }
    view[field] = value;
  }
  return view;
}
