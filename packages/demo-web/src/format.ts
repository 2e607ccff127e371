import type { ExecutionStatus, TestVerdict } from "./api-types.js";

/** "14 ms", "1.25 s", "1m 05s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "–";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return `${minutes}m ${String(seconds).padStart(2, "0")}s`;
}

/** "512 B", "9.0 MB" (powers of 1024, one decimal under 100). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return "–";
  const units = ["B", "KB", "MB", "GB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${value} B`;
  return `${value < 100 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** The colour family of a badge or a status line (a `tone-*` class of styles.css). */
export type Tone = "success" | "danger" | "warning" | "info" | "idle";

/** How each outcome is named on the page, and the tone of its badge. */
export const STATUS_LABELS: Record<
  ExecutionStatus,
  { label: string; tone: "success" | "danger" | "warning" }
> = {
  ok: { label: "Success", tone: "success" },
  compile_error: { label: "Compilation error", tone: "danger" },
  runtime_error: { label: "Runtime error", tone: "danger" },
  timeout: { label: "Time limit exceeded", tone: "warning" },
  memory_limit: { label: "Memory limit exceeded", tone: "warning" },
  output_limit: { label: "Output limit exceeded", tone: "warning" },
  internal_error: { label: "Server error", tone: "danger" },
};

/**
 * How each verdict of the judge is named on the page (the badges of tests and of the whole
 * run): a verdict that is also a run's status reads as that status does.
 */
export const VERDICT_LABELS: Record<TestVerdict, { label: string; tone: Tone }> = {
  accepted: { label: "Accepted", tone: "success" },
  wrong_answer: { label: "Wrong answer", tone: "danger" },
  compile_error: STATUS_LABELS.compile_error,
  runtime_error: STATUS_LABELS.runtime_error,
  timeout: STATUS_LABELS.timeout,
  memory_limit: STATUS_LABELS.memory_limit,
  output_limit: STATUS_LABELS.output_limit,
  internal_error: STATUS_LABELS.internal_error,
  skipped: { label: "Skipped", tone: "idle" },
};

/** A plain description of how a stage ended: "exited with code 1", "killed by SIGSEGV". */
export function describeExit(exitCode: number | null, signal: string | null): string {
  if (signal) return `killed by ${signal}`;
  if (exitCode === null) return "ended";
  return `exited with code ${exitCode}`;
}
