import { decodeBase64, utf8Text } from "./judge0-base64.js";
import { type CompilerOptionsLanguage, compilerOptionsProblem } from "./judge0-compiler-options.js";
import { type FieldErrors, unprocessable } from "./judge0-errors.js";
import { MULTI_FILE_ID } from "./judge0-language-ids.js";
import { type Judge0Settings, MAX_OPTIONS_LENGTH } from "./judge0-settings.js";

/**
 * A submission as a Judge0 client creates it, checked and decoded. Limits a client left out are
 * null: the language's own defaults apply (and keep the warm sandboxes fit for the request).
 * Kept as the submission's `meta.judge0`, so it is plain JSON.
 */
export interface Judge0SubmissionRequest {
  /** The program, base64 of its bytes (an Executable's program is binary). */
  source_base64: string;
  language_id: number;
  compiler_options: string | null;
  command_line_arguments: string | null;
  stdin: string | null;
  expected_output: string | null;
  /** Seconds. */
  cpu_time_limit: number | null;
  cpu_extra_time: number | null;
  wall_time_limit: number | null;
  /** Kilobytes. */
  memory_limit: number | null;
  stack_limit: number | null;
  max_processes_and_or_threads: number | null;
  enable_per_process_and_thread_time_limit: boolean | null;
  enable_per_process_and_thread_memory_limit: boolean | null;
  /** Kilobytes. */
  max_file_size: number | null;
  number_of_runs: number | null;
  redirect_stderr_to_stdout: boolean;
  enable_network: boolean;
  callback_url: string | null;
  /** A base64 zip archive, extracted into the program's directory. */
  additional_files: string | null;
}

/** A numeric field's rule: its bounds (inclusive maximum) and whether it takes fractions. */
interface NumberRule {
  field: keyof Judge0SubmissionRequest & keyof Judge0Settings;
  /** Greater than this, or at least it with `inclusiveMin`. */
  min: number;
  inclusiveMin?: boolean;
  max: (settings: Judge0Settings) => number;
  integer: boolean;
}

const NUMBER_RULES: readonly NumberRule[] = [
  { field: "cpu_time_limit", min: 0, max: (s) => s.max_cpu_time_limit, integer: false },
  {
    field: "cpu_extra_time",
    min: 0,
    inclusiveMin: true,
    max: (s) => s.max_cpu_extra_time,
    integer: false,
  },
  { field: "wall_time_limit", min: 0, max: (s) => s.max_wall_time_limit, integer: false },
  // The engine's smallest sandbox has 16 MiB.
  {
    field: "memory_limit",
    min: 16_384,
    inclusiveMin: true,
    max: (s) => s.max_memory_limit,
    integer: true,
  },
  { field: "stack_limit", min: 0, max: (s) => s.max_stack_limit, integer: true },
  {
    field: "max_processes_and_or_threads",
    min: 0,
    max: (s) => s.max_max_processes_and_or_threads,
    integer: true,
  },
  // The engine's smallest file size limit is 1 KiB.
  { field: "max_file_size", min: 0, max: (s) => s.max_max_file_size, integer: true },
  { field: "number_of_runs", min: 0, max: (s) => s.max_number_of_runs, integer: true },
];

type Body = Record<string, unknown>;

/** Rails casts "2.5" and 2.5 alike; so does this. */
/** A decimal number as JSON or form text ("71", "2.5", "1e3"); not "0x47", "0b1", "Infinity". */
const DECIMAL = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

function numberOf(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "string" && DECIMAL.test(value)) {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}

function booleanOf(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (value === "true" || value === "1" || value === 1) return true;
  if (value === "false" || value === "0" || value === 0) return false;
  return undefined;
}

const absent = (value: unknown) => value === undefined || value === null || value === "";

class Checker {
  readonly errors: FieldErrors = {};
  constructor(private readonly body: Body) {}

  fail(field: string, message: string): void {
    const messages = this.errors[field] ?? [];
    messages.push(message);
    this.errors[field] = messages;
  }

  text(field: string): string | null {
    const value = this.body[field];
    if (value === undefined || value === null) return null;
    if (typeof value !== "string") {
      this.fail(field, "must be a string");
      return null;
    }
    return value;
  }

  /** A text the client may send base64 encoded; decoded to UTF-8 text. */
  decodedText(field: string, base64: boolean): string | null {
    const value = this.text(field);
    if (value === null || !base64) return value;
    const bytes = decodeBase64(value);
    if (bytes === undefined) {
      this.fail(field, "is not valid base64");
      return null;
    }
    const text = utf8Text(bytes);
    if (text === undefined) this.fail(field, "is not valid UTF-8 once decoded from base64");
    return text ?? null;
  }

  number(rule: NumberRule, settings: Judge0Settings): number | null {
    const value = this.body[rule.field];
    if (absent(value)) return null;
    const number = numberOf(value);
    if (number === undefined) {
      this.fail(rule.field, "is not a number");
      return null;
    }
    if (rule.integer && !Number.isInteger(number)) this.fail(rule.field, "must be an integer");
    if (rule.inclusiveMin ? number < rule.min : number <= rule.min) {
      this.fail(
        rule.field,
        `must be greater than ${rule.inclusiveMin ? "or equal to " : ""}${rule.min}`,
      );
    }
    const max = rule.max(settings);
    if (number > max) this.fail(rule.field, `must be less than or equal to ${max}`);
    return number;
  }

  boolean(field: string): boolean | null {
    const value = this.body[field];
    if (absent(value)) return null;
    const parsed = booleanOf(value);
    if (parsed === undefined) this.fail(field, "is not a boolean");
    return parsed ?? null;
  }
}

function checkCallbackUrl(check: Checker): string | null {
  const url = check.text("callback_url");
  if (url === null || url === "") return null;
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== "http:" && parsed.protocol !== "https:")) {
    check.fail("callback_url", "is not a valid http or https URL");
    return null;
  }
  return url;
}

/**
 * Checks a submission body as Judge0 does (its fields, defaults and bounds from `settings`) and
 * decodes its base64 fields when `base64` is set. Throws a 422 Judge0Error listing every field
 * at fault. `languageOf` gives a served language id's name and whether it compiles.
 */
export function parseJudge0Submission(
  raw: unknown,
  options: {
    base64: boolean;
    settings: Judge0Settings;
    languageOf: (id: number) => CompilerOptionsLanguage | undefined;
  },
): Judge0SubmissionRequest {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw unprocessable({ submission: ["must be a JSON object"] });
  }
  const body = raw as Body;
  const { settings } = options;
  const check = new Checker(body);

  const languageId = numberOf(body.language_id);
  const language = languageId === undefined ? undefined : options.languageOf(languageId);
  if (absent(body.language_id)) check.fail("language_id", "can't be blank");
  else if (languageId === undefined || !Number.isInteger(languageId))
    check.fail("language_id", "is not a number");
  else if (!language) check.fail("language_id", `language with id ${languageId} doesn't exist`);

  const additionalFiles = check.text("additional_files");
  if (additionalFiles && decodeBase64(additionalFiles) === undefined)
    check.fail("additional_files", "is not valid base64");

  const source = check.text("source_code");
  let sourceBase64 = "";
  // A multi-file program may have all of its files in additional_files.
  if (source === null || source === "") {
    if (languageId !== MULTI_FILE_ID) check.fail("source_code", "can't be blank");
  } else if (options.base64) {
    const bytes = decodeBase64(source);
    if (bytes === undefined) check.fail("source_code", "is not valid base64");
    else sourceBase64 = bytes.toString("base64");
  } else {
    sourceBase64 = Buffer.from(source, "utf8").toString("base64");
  }

  const compilerOptions = check.text("compiler_options");
  const compilerProblem =
    compilerOptions && language
      ? compilerOptionsProblem(language, settings.allowed_languages_for_compile_options)
      : undefined;
  if (compilerProblem) check.fail("compiler_options", compilerProblem);
  const commandLineArguments = check.text("command_line_arguments");
  for (const [field, value] of [
    ["compiler_options", compilerOptions],
    ["command_line_arguments", commandLineArguments],
  ] as const) {
    if (value && value.length > MAX_OPTIONS_LENGTH)
      check.fail(field, `is too long (maximum is ${MAX_OPTIONS_LENGTH} characters)`);
  }

  const numbers = Object.fromEntries(
    NUMBER_RULES.map((rule) => [rule.field, check.number(rule, settings)]),
  ) as Record<NumberRule["field"], number | null>;

  const perProcessTime = check.boolean("enable_per_process_and_thread_time_limit");
  if (perProcessTime && !settings.allow_enable_per_process_and_thread_time_limit)
    check.fail("enable_per_process_and_thread_time_limit", "this option cannot be enabled");
  const perProcessMemory = check.boolean("enable_per_process_and_thread_memory_limit");
  if (perProcessMemory && !settings.allow_enable_per_process_and_thread_memory_limit)
    check.fail("enable_per_process_and_thread_memory_limit", "this option cannot be enabled");
  const network = check.boolean("enable_network");
  if (network && !settings.allow_enable_network)
    check.fail("enable_network", "enabling network is not allowed");

  const request: Judge0SubmissionRequest = {
    source_base64: sourceBase64,
    language_id: languageId ?? 0,
    compiler_options: compilerOptions,
    command_line_arguments: commandLineArguments,
    stdin: check.decodedText("stdin", options.base64),
    expected_output: check.decodedText("expected_output", options.base64),
    cpu_time_limit: numbers.cpu_time_limit,
    cpu_extra_time: numbers.cpu_extra_time,
    wall_time_limit: numbers.wall_time_limit,
    memory_limit: numbers.memory_limit,
    stack_limit: numbers.stack_limit,
    max_processes_and_or_threads: numbers.max_processes_and_or_threads,
    enable_per_process_and_thread_time_limit: perProcessTime,
    enable_per_process_and_thread_memory_limit: perProcessMemory,
    max_file_size: numbers.max_file_size,
    number_of_runs: numbers.number_of_runs,
    redirect_stderr_to_stdout: check.boolean("redirect_stderr_to_stdout") ?? false,
    enable_network: network ?? false,
    callback_url: checkCallbackUrl(check),
    additional_files: additionalFiles || null,
  };
  if (Object.keys(check.errors).length > 0) throw unprocessable(check.errors);
  return request;
}
