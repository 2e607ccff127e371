import { type OutputComparison, outputsMatch, significantLines } from "./compare-output.js";
import type { OutputDiff } from "./judge-result.js";

/** Most characters of each side of a diff: enough to see the difference, never a whole output. */
export const MAX_DIFF_LINE_CHARS = 200;
/** Characters kept before the first differing one, when a line is cut. */
const DIFF_CONTEXT_CHARS = 40;

/**
 * Lines as the comparison sees them: `exact` keeps each line's `\n` (so a missing final newline
 * shows), the other modes drop trailing whitespace and trailing blank lines.
 */
function linesFor(comparison: OutputComparison, output: string): string[] {
  if (comparison === "exact") return output.split(/(?<=\n)/).filter((line) => line !== "");
  return significantLines(output);
}

/** `line` cut to MAX_DIFF_LINE_CHARS around `column`, with `…` where it was cut. */
function cutAround(line: string, column: number): string {
  if (line.length <= MAX_DIFF_LINE_CHARS) return line;
  const start = Math.max(
    0,
    Math.min(column - DIFF_CONTEXT_CHARS, line.length - MAX_DIFF_LINE_CHARS),
  );
  const end = start + MAX_DIFF_LINE_CHARS;
  const cut = wholeCharacters(line, start, end);
  return `${start > 0 ? "…" : ""}${cut}${end < line.length ? "…" : ""}`;
}

/** `line.slice(start, end)` without half of a surrogate pair at either end. */
function wholeCharacters(line: string, start: number, end: number): string {
  const isLow = (at: number) => /[\uDC00-\uDFFF]/.test(line[at] ?? "");
  const from = start > 0 && isLow(start) ? start + 1 : start;
  const to = end < line.length && isLow(end) ? end - 1 : end;
  return line.slice(from, to);
}

/**
 * Where `expected` and `actual` first differ, line by line, or undefined when no line differs.
 * With `tokens` and `float`, a line whose tokens match (within the tolerance) is no difference
 * unless no other line differs. A side without that line (one output is shorter) is "". Each
 * side is cut to MAX_DIFF_LINE_CHARS around the first differing character.
 */
export function firstDifference(
  comparison: OutputComparison,
  expected: string,
  actual: string,
): OutputDiff | undefined {
  const want = linesFor(comparison, expected);
  const got = linesFor(comparison, actual);
  const lines = Math.max(want.length, got.length);
  const differs = (index: number) => (want[index] ?? "") !== (got[index] ?? "");
  const tolerant = (index: number) =>
    differs(index) && !outputsMatch(comparison, want[index] ?? "", got[index] ?? "");
  const indexes = Array.from({ length: lines }, (_, index) => index);
  const index = indexes.find(tolerant) ?? indexes.find(differs);
  if (index === undefined) return undefined;
  const expectedLine = want[index] ?? "";
  const actualLine = got[index] ?? "";
  let column = 0;
  while (column < expectedLine.length && expectedLine[column] === actualLine[column]) column++;
  return {
    line: index + 1,
    expected: cutAround(expectedLine, column),
    actual: cutAround(actualLine, column),
  };
}
