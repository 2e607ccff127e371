import type { JudgeResult, JudgeTestResult } from "../judge/judge-result.js";

const mebibytes = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MiB`;

/** A row of the summary table: a test's name, verdict, wall time and peak memory. */
function row(test: JudgeTestResult): string[] {
  return [
    test.name,
    test.verdict,
    test.run ? `${test.run.wallMs} ms` : "-",
    test.run ? mebibytes(test.run.memoryBytes) : "-",
  ];
}

/** Columns padded to their widest cell; numbers (time, memory) right-aligned. */
function table(rows: string[][]): string[] {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((cells) => cells[column]?.length ?? 0))) ?? [];
  return rows.map((cells) =>
    cells
      .map((cell, column) =>
        column >= 2 ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0),
      )
      .join("  ")
      .trimEnd(),
  );
}

/** What a failed test says beyond its verdict: the engine's message, and with `reveal` the diff. */
function details(test: JudgeTestResult, reveal: boolean): string[] {
  const lines: string[] = [];
  if (test.message) lines.push(`${test.name}: ${test.message}`);
  if (reveal && test.checkerMessage)
    lines.push(`${test.name}: checker: ${test.checkerMessage.trimEnd()}`);
  if (reveal && test.diff)
    lines.push(
      `${test.name}: line ${test.diff.line}: expected ${JSON.stringify(test.diff.expected)}, got ${JSON.stringify(test.diff.actual)}`,
    );
  return lines;
}

/** The one-line outcome: verdict, tests passed, compile time, and the highest time and memory. */
export function judgeSummaryLine(result: JudgeResult): string {
  const firstFailure = result.tests.find(
    (test) => test.verdict !== "accepted" && test.verdict !== "skipped",
  );
  return [
    `verdict=${result.verdict}`,
    `passed=${result.passed}/${result.total}`,
    firstFailure ? `first failure: ${firstFailure.name}` : "",
    `${result.language} ${result.version}`,
    result.compile ? `compile=${result.compile.wallMs}ms` : "",
    `max time=${result.maxWallMs}ms max memory=${mebibytes(result.maxMemoryBytes)}`,
    result.message ?? "",
  ]
    .filter(Boolean)
    .join("  ");
}

/**
 * The report of a judged solution: a table of every test (when any ran), what the failed tests
 * say, and the summary line.
 */
export function judgeReport(result: JudgeResult, options: { reveal: boolean }): string {
  const lines: string[] = [];
  if (result.tests.some((test) => test.run !== null)) {
    lines.push(...table([["test", "verdict", "time", "memory"], ...result.tests.map(row)]));
    const notes = result.tests.flatMap((test) =>
      test.verdict === "accepted" ? [] : details(test, options.reveal),
    );
    if (notes.length > 0) lines.push("", ...notes);
    if (!options.reveal && result.tests.some((test) => test.verdict === "wrong_answer"))
      lines.push("", "(--reveal shows where each wrong answer differs from the expected output)");
    lines.push("");
  }
  lines.push(judgeSummaryLine(result));
  return `${lines.join("\n")}\n`;
}
