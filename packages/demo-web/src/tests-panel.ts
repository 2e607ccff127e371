import type { JudgeResult, JudgeTestResult } from "./api-types.js";
import { formatDuration, VERDICT_LABELS } from "./format.js";
import { MAX_TEST_CASES, type TestCase, testCaseName } from "./test-cases.js";
import { renderComparison } from "./test-comparison.js";

export interface TestsPanelElements {
  list: HTMLOListElement;
  /** Shown while there are no tests. */
  empty: HTMLElement;
  add: HTMLButtonElement;
  /** The overall verdict of the last judge run. */
  verdict: HTMLElement;
  /** The number of tests, on the Tests tab. */
  count: HTMLElement;
}

/** Where a test stands: not run (or edited since), waiting for its verdict, or judged. */
type TestState =
  | { kind: "idle" }
  | { kind: "pending" }
  | { kind: "judged"; result: JudgeTestResult };

interface TestRow {
  testCase: TestCase;
  state: TestState;
  item: HTMLLIElement;
}

/**
 * The Tests tab: the list of test cases (input and expected output, added, edited and deleted
 * here), each with its verdict as the judge reports it; a judged test opens, on click, its
 * expected and actual output side by side. `onChange` hears every edit (to keep the cases).
 */
export class TestsPanel {
  readonly #ui: TestsPanelElements;
  readonly #onChange: (cases: TestCase[]) => void;
  #rows: TestRow[] = [];
  #locked = false;

  constructor(elements: TestsPanelElements, onChange: (cases: TestCase[]) => void) {
    this.#ui = elements;
    this.#onChange = onChange;
    elements.add.addEventListener("click", () => this.#add());
  }

  /** The test cases, in order. */
  get cases(): TestCase[] {
    return this.#rows.map((row) => ({ ...row.testCase }));
  }

  /** Replaces every case (the saved ones, or a shared link's); results are dropped. */
  setCases(cases: readonly TestCase[]): void {
    this.#rows = cases.map((testCase) => this.#row({ ...testCase }));
    this.#verdictShown(null);
    this.#render();
  }

  /** Locks editing while the judge runs, and marks every test as waiting for its verdict. */
  started(): void {
    this.#lock(true);
    for (const row of this.#rows) this.#setState(row, { kind: "pending" });
    this.#verdictShown(null);
  }

  /** A test's verdict, as it finishes. */
  tested(result: JudgeTestResult): void {
    const row = this.#rows[result.index];
    if (row) this.#setState(row, { kind: "judged", result });
  }

  /** The judge ended: its overall verdict (null when it ended without one), editing unlocked. */
  finished(result: JudgeResult | null): void {
    this.#lock(false);
    if (result) for (const test of result.tests) this.tested(test);
    for (const row of this.#rows) {
      if (row.state.kind === "pending") this.#setState(row, { kind: "idle" });
    }
    this.#verdictShown(result);
  }

  /** Editing on or off, in place (a test opened meanwhile stays open, focus stays put). */
  #lock(locked: boolean): void {
    this.#locked = locked;
    const { list, add } = this.#ui;
    for (const area of list.querySelectorAll("textarea")) area.readOnly = locked;
    for (const button of list.querySelectorAll<HTMLButtonElement>(".test-delete")) {
      button.disabled = locked;
    }
    add.disabled = locked || this.#rows.length >= MAX_TEST_CASES;
  }

  #row(testCase: TestCase): TestRow {
    return { testCase, state: { kind: "idle" }, item: document.createElement("li") };
  }

  #add(): void {
    if (this.#locked || this.#rows.length >= MAX_TEST_CASES) return;
    const row = this.#row({ stdin: "", expected: "" });
    this.#rows.push(row);
    this.#changed();
    this.#render();
    row.item.querySelector<HTMLTextAreaElement>("textarea")?.focus();
  }

  #delete(row: TestRow): void {
    if (this.#locked) return;
    const index = this.#rows.indexOf(row);
    this.#rows.splice(index, 1);
    this.#changed();
    this.#render();
    // Focus stays in the list: on the next test's delete button, else the previous one's, else Add.
    const neighbour = this.#rows[index] ?? this.#rows[index - 1];
    (neighbour?.item.querySelector<HTMLButtonElement>(".test-delete") ?? this.#ui.add).focus();
  }

  /** An edit makes the last results stale: the overall verdict goes, and so does the edited test's. */
  #changed(row?: TestRow): void {
    if (row) this.#setState(row, { kind: "idle" });
    this.#verdictShown(null);
    this.#onChange(this.cases);
  }

  #render(): void {
    const { list, empty, add, count } = this.#ui;
    list.replaceChildren(...this.#rows.map((row, index) => this.#renderRow(row, index)));
    empty.hidden = this.#rows.length > 0;
    add.disabled = this.#locked || this.#rows.length >= MAX_TEST_CASES;
    count.textContent = String(this.#rows.length);
  }

  #renderRow(row: TestRow, index: number): HTMLLIElement {
    const name = testCaseName(index);
    const item = row.item;
    item.className = "test-case";
    item.replaceChildren();

    const head = document.createElement("div");
    head.className = "test-case-head";
    const toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "test-case-toggle";
    toggle.setAttribute("aria-expanded", "false");
    toggle.title = "Show the expected and actual output side by side";
    const title = document.createElement("span");
    title.className = "test-case-name";
    title.textContent = name;
    const badge = document.createElement("span");
    badge.className = "badge test-verdict";
    toggle.append(title, badge);
    const metrics = document.createElement("span");
    metrics.className = "test-case-metrics";
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "btn btn-ghost btn-small test-delete";
    remove.textContent = "Delete";
    remove.setAttribute("aria-label", `Delete ${name}`);
    remove.disabled = this.#locked;
    remove.addEventListener("click", () => this.#delete(row));
    head.append(toggle, metrics, remove);

    const fields = document.createElement("div");
    fields.className = "test-case-fields";
    fields.append(
      this.#field(row, "stdin", "stdin", `${name} input`),
      this.#field(row, "expected", "expected output", `${name} expected output`),
    );

    const comparison = document.createElement("div");
    comparison.className = "test-case-comparison";
    comparison.id = `test-comparison-${index + 1}`;
    comparison.hidden = true;
    toggle.setAttribute("aria-controls", comparison.id);
    toggle.addEventListener("click", () => {
      if (row.state.kind !== "judged") return;
      const open = comparison.hidden;
      comparison.replaceChildren(
        ...(open ? [renderComparison(row.testCase.expected, row.state.result)] : []),
      );
      comparison.hidden = !open;
      toggle.setAttribute("aria-expanded", String(open));
      // The pane is short: bring the first difference (else the table's top) into sight.
      if (open) {
        const target = comparison.querySelector("[data-first-difference]") ?? comparison;
        target.scrollIntoView({ block: "nearest" });
      }
    });

    item.append(head, fields, comparison);
    this.#paintState(row);
    return item;
  }

  #field(row: TestRow, key: keyof TestCase, caption: string, label: string): HTMLElement {
    const wrap = document.createElement("div");
    wrap.className = "test-case-field";
    const visible = document.createElement("span");
    visible.className = "test-case-caption";
    visible.textContent = caption;
    visible.setAttribute("aria-hidden", "true");
    const area = document.createElement("textarea");
    area.className = `test-${key}`;
    area.rows = 2;
    area.spellcheck = false;
    area.autocomplete = "off";
    area.setAttribute("autocapitalize", "off");
    area.setAttribute("aria-label", label);
    area.placeholder = key === "expected" ? "leave empty to check only that it runs" : "";
    area.value = row.testCase[key];
    area.readOnly = this.#locked;
    area.addEventListener("input", () => {
      row.testCase[key] = area.value;
      this.#changed(row);
    });
    wrap.append(visible, area);
    return wrap;
  }

  #setState(row: TestRow, state: TestState): void {
    row.state = state;
    this.#paintState(row);
  }

  /** A row's badge, metrics and toggle, after its state changed (no re-render: focus stays). */
  #paintState(row: TestRow): void {
    const { state, item } = row;
    const toggle = item.querySelector<HTMLButtonElement>(".test-case-toggle");
    const badge = item.querySelector<HTMLElement>(".test-verdict");
    const metrics = item.querySelector<HTMLElement>(".test-case-metrics");
    const comparison = item.querySelector<HTMLElement>(".test-case-comparison");
    if (!toggle || !badge || !metrics || !comparison) return;
    const verdict = state.kind === "judged" ? state.result.verdict : state.kind;
    item.dataset.verdict = verdict;
    const look =
      state.kind === "judged"
        ? VERDICT_LABELS[state.result.verdict]
        : state.kind === "pending"
          ? { label: "Running…", tone: "info" }
          : null;
    badge.hidden = look === null;
    badge.textContent = look?.label ?? "";
    badge.className = `badge test-verdict tone-${look?.tone ?? "idle"}`;
    const run = state.kind === "judged" ? state.result.run : null;
    metrics.textContent = run ? formatDuration(run.wallMs) : "";
    toggle.disabled = !(state.kind === "judged" && run);
    if (state.kind !== "judged") {
      comparison.hidden = true;
      comparison.replaceChildren();
      toggle.setAttribute("aria-expanded", "false");
    }
  }

  #verdictShown(result: JudgeResult | null): void {
    const { verdict } = this.#ui;
    verdict.hidden = result === null;
    if (!result) {
      delete verdict.dataset.verdict;
      return;
    }
    const look = VERDICT_LABELS[result.verdict];
    verdict.textContent = `${look.label} · ${result.passed}/${result.total}`;
    verdict.className = `badge tone-${look.tone}`;
    verdict.dataset.verdict = result.verdict;
  }
}
