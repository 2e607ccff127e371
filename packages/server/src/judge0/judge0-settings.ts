import {
  DEFAULT_MAX_LIMITS,
  DEFAULT_RUN_LIMITS,
  type Limits,
  languageRegistry,
} from "@warmbox/engine";
import type { ServerConfig } from "../config/config-schema.js";
import { COMPILER_OPTIONS_LANGUAGES } from "./judge0-compiler-options.js";

/** The Judge0 version whose API this layer speaks (`GET /about`). */
export const JUDGE0_COMPATIBLE_VERSION = "1.13.1";
/** Most submissions in one batch, as Judge0's default. */
export const MAX_SUBMISSION_BATCH_SIZE = 20;
/** Most kilobytes `additional_files` may extract to, as Judge0's default. */
export const MAX_EXTRACT_SIZE_KB = 10_240;
/** Longest `command_line_arguments` and `compiler_options`, in characters (Judge0's bound). */
export const MAX_OPTIONS_LENGTH = 512;
/** Judge0 only bounds the stack; Warmbox's sandboxes bound it by their memory. */
export const STACK_LIMIT_KB = 64_000;
export const MAX_STACK_LIMIT_KB = 128_000;
/** The grace Judge0 gives after the CPU time limit before killing, in seconds (most allowed). */
export const MAX_CPU_EXTRA_TIME_S = 5;

/**
 * Every key Judge0 CE 1.13.1 answers at `GET /config_info`, with this server's values: the
 * limits come from the engine's defaults and maxima (seconds and kilobytes, as Judge0 counts
 * them); what Warmbox does not do is reported off (per-process limits, several runs) and
 * refused with Judge0's 422 when a submission asks for it.
 */
export interface Judge0Settings {
  maintenance_mode: boolean;
  enable_wait_result: boolean;
  enable_compiler_options: boolean;
  allowed_languages_for_compile_options: string[];
  enable_command_line_arguments: boolean;
  enable_submission_delete: boolean;
  enable_callbacks: boolean;
  callbacks_max_tries: number;
  callbacks_timeout: number;
  enable_additional_files: boolean;
  max_queue_size: number;
  cpu_time_limit: number;
  max_cpu_time_limit: number;
  cpu_extra_time: number;
  max_cpu_extra_time: number;
  wall_time_limit: number;
  max_wall_time_limit: number;
  memory_limit: number;
  max_memory_limit: number;
  stack_limit: number;
  max_stack_limit: number;
  max_processes_and_or_threads: number;
  max_max_processes_and_or_threads: number;
  enable_per_process_and_thread_time_limit: boolean;
  allow_enable_per_process_and_thread_time_limit: boolean;
  enable_per_process_and_thread_memory_limit: boolean;
  allow_enable_per_process_and_thread_memory_limit: boolean;
  max_file_size: number;
  max_max_file_size: number;
  number_of_runs: number;
  max_number_of_runs: number;
  redirect_stderr_to_stdout: boolean;
  max_extract_size: number;
  enable_batched_submissions: boolean;
  max_submission_batch_size: number;
  submission_cache_duration: number;
  use_docs_as_homepage: boolean;
  allow_enable_network: boolean;
  enable_network: boolean;
}

/** The engine's run limits a request starts from, and the most it may ask for. */
export interface EngineLimitPolicy {
  defaults: Limits;
  max: Limits;
}

export function engineLimitPolicy(config: ServerConfig): EngineLimitPolicy {
  return {
    defaults: { ...DEFAULT_RUN_LIMITS, ...config.defaultLimits },
    max: { ...DEFAULT_MAX_LIMITS, ...config.maxLimits },
  };
}

/** The run limits a language gets when a request sets none (as the engine resolves them). */
export function languageRunLimits(policy: EngineLimitPolicy, language: string): Limits {
  const resolved = { ...policy.defaults, ...languageRegistry.find(language)?.limits } as Limits;
  for (const key of Object.keys(resolved) as Array<keyof Limits>) {
    if (resolved[key] > policy.max[key]) (resolved[key] as number | boolean) = policy.max[key];
  }
  return resolved;
}

/** How callbacks are delivered, as the submission service does it. */
export interface CallbackPolicy {
  maxTries: number;
  timeoutSeconds: number;
}

/**
 * This server's values of Judge0's settings. `queueBound` is the unfinished submissions one
 * key may have (0 for no bound): what a Judge0 client may queue before it is refused.
 */
export function judge0Settings(
  policy: EngineLimitPolicy,
  callbacks: CallbackPolicy,
  maxBodyBytes: number,
  queueBound: number,
): Judge0Settings {
  const { defaults, max } = policy;
  return {
    maintenance_mode: false,
    enable_wait_result: true,
    enable_compiler_options: true,
    allowed_languages_for_compile_options: [...COMPILER_OPTIONS_LANGUAGES],
    enable_command_line_arguments: true,
    enable_submission_delete: true,
    enable_callbacks: true,
    callbacks_max_tries: callbacks.maxTries,
    callbacks_timeout: callbacks.timeoutSeconds,
    enable_additional_files: true,
    // Submissions wait in the database, bounded per key: a client may queue that many. Judge0
    // refuses everything past its bound, so no bound is the largest number, not 0.
    max_queue_size: queueBound > 0 ? queueBound : Number.MAX_SAFE_INTEGER,
    cpu_time_limit: defaults.cpuMs / 1_000,
    max_cpu_time_limit: max.cpuMs / 1_000,
    cpu_extra_time: 0,
    max_cpu_extra_time: MAX_CPU_EXTRA_TIME_S,
    wall_time_limit: defaults.timeMs / 1_000,
    max_wall_time_limit: max.timeMs / 1_000,
    memory_limit: defaults.memoryMb * 1_024,
    max_memory_limit: max.memoryMb * 1_024,
    stack_limit: STACK_LIMIT_KB,
    max_stack_limit: MAX_STACK_LIMIT_KB,
    max_processes_and_or_threads: defaults.processes,
    max_max_processes_and_or_threads: max.processes,
    enable_per_process_and_thread_time_limit: false,
    allow_enable_per_process_and_thread_time_limit: false,
    enable_per_process_and_thread_memory_limit: false,
    allow_enable_per_process_and_thread_memory_limit: false,
    max_file_size: Math.floor(defaults.fileSizeBytes / 1_024),
    max_max_file_size: Math.floor(max.fileSizeBytes / 1_024),
    number_of_runs: 1,
    max_number_of_runs: 1,
    redirect_stderr_to_stdout: false,
    // No more than a request body may carry: a few KB of zip must not store 10 MB per submission.
    max_extract_size: Math.min(MAX_EXTRACT_SIZE_KB, Math.floor(maxBodyBytes / 1_024)),
    enable_batched_submissions: true,
    max_submission_batch_size: MAX_SUBMISSION_BATCH_SIZE,
    submission_cache_duration: 0,
    use_docs_as_homepage: false,
    allow_enable_network: max.network,
    enable_network: false,
  };
}
