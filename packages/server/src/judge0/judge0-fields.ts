import { Judge0Error } from "./judge0-errors.js";

/** Every attribute of a Judge0 1.13.1 submission, in Judge0's order (`fields=*`). */
export const SUBMISSION_ATTRIBUTES = [
  "source_code",
  "language_id",
  "stdin",
  "expected_output",
  "stdout",
  "status_id",
  "created_at",
  "finished_at",
  "time",
  "memory",
  "stderr",
  "token",
  "number_of_runs",
  "cpu_time_limit",
  "cpu_extra_time",
  "wall_time_limit",
  "memory_limit",
  "stack_limit",
  "max_processes_and_or_threads",
  "enable_per_process_and_thread_time_limit",
  "enable_per_process_and_thread_memory_limit",
  "max_file_size",
  "compile_output",
  "exit_code",
  "exit_signal",
  "message",
  "wall_time",
  "compiler_options",
  "command_line_arguments",
  "redirect_stderr_to_stdout",
  "callback_url",
  "additional_files",
  "enable_network",
  "status",
  "language",
] as const;

export type SubmissionAttribute = (typeof SUBMISSION_ATTRIBUTES)[number];

/** What a GET answers when `fields` is not given, as Judge0 does. */
export const DEFAULT_FIELDS: readonly SubmissionAttribute[] = [
  "token",
  "time",
  "memory",
  "stdout",
  "stderr",
  "compile_output",
  "message",
  "status",
];

const isAttribute = (name: string): name is SubmissionAttribute =>
  (SUBMISSION_ATTRIBUTES as readonly string[]).includes(name);

/**
 * The attributes a `fields` query asks for: a comma-separated list, `*` for all, absent or
 * empty for DEFAULT_FIELDS. An unknown name is refused with Judge0's 400
 * `{ "error": "invalid fields: [a, b]" }`.
 */
export function parseFields(fields: string | undefined): readonly SubmissionAttribute[] {
  const names = (fields ?? "")
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "");
  if (names.length === 0) return DEFAULT_FIELDS;
  if (names.includes("*")) return SUBMISSION_ATTRIBUTES;
  const invalid = names.filter((name) => !isAttribute(name));
  if (invalid.length > 0) throw Judge0Error.message(400, `invalid fields: [${invalid.join(", ")}]`);
  return names as SubmissionAttribute[];
}
