/**
 * Expected and actual output side by side: the rows of lines to show around the first difference
 * (which line differs is the server's word, from the judge's `diff`), and where in that line the
 * two texts part.
 */

/** Lines shown on each side of the first difference; the rest is summarised as hidden. */
export const COMPARISON_CONTEXT_LINES = 30;

/** One row of the comparison: line `line` (1-based) of each text, null past a text's end. */
export interface ComparisonRow {
  line: number;
  expected: string | null;
  actual: string | null;
}

export interface Comparison {
  rows: ComparisonRow[];
  /** Lines before the first row and after the last one, left out. */
  hiddenBefore: number;
  hiddenAfter: number;
}

/** A program's output as lines: a final line break ends the last line, it opens no new one. */
export function outputLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines.map((line) => (line.endsWith("\r") ? line.slice(0, -1) : line));
}

/** The index of the first character where two lines differ; their common length when one extends the other. */
export function firstDifferingColumn(expected: string, actual: string): number {
  const shorter = Math.min(expected.length, actual.length);
  for (let i = 0; i < shorter; i++) if (expected[i] !== actual[i]) return i;
  return shorter;
}

/**
 * The rows to show: `context` lines either side of `differingLine` (1-based; null when the
 * server named none, e.g. a run that crashed), else the first lines of both texts.
 */
export function compareOutputs(
  expected: string,
  actual: string,
  differingLine: number | null,
  context = COMPARISON_CONTEXT_LINES,
): Comparison {
  const expectedLines = outputLines(expected);
  const actualLines = outputLines(actual);
  const total = Math.max(expectedLines.length, actualLines.length, differingLine ?? 0);
  const first = differingLine === null ? 1 : Math.max(1, differingLine - context);
  const last = Math.min(total, differingLine === null ? 2 * context : differingLine + context);
  const rows: ComparisonRow[] = [];
  for (let line = first; line <= last; line++) {
    rows.push({
      line,
      expected: expectedLines[line - 1] ?? null,
      actual: actualLines[line - 1] ?? null,
    });
  }
  return { rows, hiddenBefore: first - 1, hiddenAfter: Math.max(0, total - last) };
}
