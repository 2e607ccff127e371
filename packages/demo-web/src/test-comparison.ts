import type { JudgeTestResult } from "./api-types.js";
import { compareOutputs, firstDifferingColumn } from "./output-comparison.js";

/**
 * What a finished test printed beside what it should have: a table of lines, expected and
 * actual side by side, the first difference (the judge's `diff.line`) marked from the first
 * character where the two lines part; then the run's message and stderr, when it has them.
 */
export function renderComparison(expected: string, test: JudgeTestResult): HTMLElement {
  const root = document.createElement("div");
  root.className = "comparison";
  const actual = test.run?.stdout ?? "";
  const differingLine = test.diff?.line ?? null;
  const { rows, hiddenBefore, hiddenAfter } = compareOutputs(expected, actual, differingLine);

  const table = document.createElement("table");
  table.className = "comparison-table";
  const caption = document.createElement("caption");
  caption.className = "visually-hidden";
  caption.textContent = `${test.name}: expected and actual output, line by line`;
  const head = table.createTHead().insertRow();
  for (const title of ["Line", "Expected", "Actual"]) {
    const cell = document.createElement("th");
    cell.scope = "col";
    cell.textContent = title;
    head.append(cell);
  }
  table.append(caption);
  const body = table.createTBody();
  if (hiddenBefore > 0) gapRow(body, `${hiddenBefore} matching lines above`);
  for (const row of rows) {
    const tr = body.insertRow();
    const number = document.createElement("th");
    number.scope = "row";
    number.textContent = String(row.line);
    tr.append(number);
    const differs = row.line === differingLine;
    const column = differs ? firstDifferingColumn(row.expected ?? "", row.actual ?? "") : null;
    tr.append(lineCell(row.expected, column), lineCell(row.actual, column));
    if (differs) {
      tr.className = "comparison-differs";
      tr.dataset.firstDifference = "";
    }
  }
  if (hiddenAfter > 0) gapRow(body, `${hiddenAfter} more lines below`);
  if (rows.length === 0) gapRow(body, "Both outputs are empty.");
  root.append(table);

  if (test.message) root.append(note(test.message));
  if (test.checkerMessage) root.append(note(`Checker: ${test.checkerMessage}`));
  if (test.run?.truncated) root.append(note("The output was cut at the output limit."));
  if (test.run?.stderr) {
    const details = document.createElement("details");
    details.className = "comparison-stderr";
    const summary = document.createElement("summary");
    summary.textContent = "stderr";
    const pre = document.createElement("pre");
    pre.textContent = test.run.stderr;
    details.append(summary, pre);
    root.append(details);
  }
  return root;
}

/** A cell with one line of output; from `column` on, the difference is marked. */
function lineCell(text: string | null, column: number | null): HTMLTableCellElement {
  const cell = document.createElement("td");
  if (text === null) {
    cell.className = "comparison-missing";
    const missing = document.createElement(column === null ? "span" : "mark");
    missing.textContent = "(no line)";
    cell.append(missing);
    return cell;
  }
  if (column === null) {
    cell.textContent = text;
    return cell;
  }
  const mark = document.createElement("mark");
  if (column < text.length) {
    mark.textContent = text.slice(column);
  } else {
    // The line ends where the other goes on: mark its end.
    mark.className = "comparison-end";
    mark.textContent = "⏎";
    mark.title = "The line ends here";
  }
  cell.append(text.slice(0, column), mark);
  return cell;
}

function gapRow(body: HTMLTableSectionElement, text: string): void {
  const cell = body.insertRow().insertCell();
  cell.colSpan = 3;
  cell.className = "comparison-gap";
  cell.textContent = text;
}

function note(text: string): HTMLElement {
  const node = document.createElement("p");
  node.className = "comparison-note";
  node.textContent = text;
  return node;
}
