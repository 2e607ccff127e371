import type { ApiError } from "./api-error.js";
import type { ExecuteResult, JudgeResult, StageResult } from "./api-types.js";
import { byId } from "./dom.js";
import {
  describeExit,
  formatBytes,
  formatDuration,
  STATUS_LABELS,
  VERDICT_LABELS,
} from "./format.js";

/** Most characters the terminal keeps; beyond, the oldest output is dropped (the page stays fast). */
const MAX_TERMINAL_CHARS = 400_000;

type ChunkKind = "stdout" | "stderr" | "stdin";

/**
 * The output pane: the terminal (stdout, stderr in its own colour, echoed input, notes of the
 * page), the compiler's output apart from it, the run's badge and the status line.
 */
export class OutputView {
  readonly #terminal = byId<HTMLDivElement>("output");
  readonly #empty = byId<HTMLParagraphElement>("output-empty");
  readonly #compile = byId<HTMLDetailsElement>("compile-output");
  readonly #compileSummary = byId<HTMLSpanElement>("compile-summary");
  readonly #compileText = byId<HTMLPreElement>("compile-text");
  readonly #badge = byId<HTMLSpanElement>("run-badge");
  readonly #state = byId<HTMLSpanElement>("status-state");
  readonly #stateText = byId<HTMLSpanElement>("status-text");
  readonly #metrics = byId<HTMLSpanElement>("status-metrics");
  #chars = 0;
  #last: { kind: ChunkKind; node: HTMLSpanElement } | null = null;
  #timer: ReturnType<typeof setInterval> | null = null;

  /** Empties the terminal and the compiler output. */
  clear(): void {
    this.#terminal.replaceChildren(this.#empty);
    this.#empty.hidden = false;
    this.#compile.hidden = true;
    this.#compileText.textContent = "";
    this.#badge.hidden = true;
    this.#chars = 0;
    this.#last = null;
  }

  /** The terminal's text (what Copy copies). */
  get text(): string {
    return [...this.#terminal.querySelectorAll<HTMLElement>(".out-stdout, .out-stderr, .out-stdin")]
      .map((node) => node.textContent ?? "")
      .join("");
  }

  append(kind: ChunkKind, text: string): void {
    if (!text) return;
    this.#empty.hidden = true;
    const stick = this.#nearBottom();
    if (this.#last?.kind === kind && this.#last.node === this.#terminal.lastChild) {
      this.#last.node.append(text);
    } else {
      const node = document.createElement("span");
      node.className = `out-${kind}`;
      node.textContent = text;
      this.#terminal.append(node);
      this.#last = { kind, node };
    }
    this.#chars += text.length;
    this.#trim();
    if (stick) this.#terminal.scrollTop = this.#terminal.scrollHeight;
  }

  /** A note of the page in the terminal ("Process exited with code 0"). */
  note(text: string): void {
    this.#empty.hidden = true;
    const node = document.createElement("span");
    node.className = "out-system";
    node.textContent = text;
    this.#terminal.append(node);
    this.#last = null;
    this.#terminal.scrollTop = this.#terminal.scrollHeight;
  }

  /** A plain error message in the terminal, never a blank pane. */
  error(title: string, error: ApiError | string): void {
    this.#empty.hidden = true;
    const node = document.createElement("div");
    node.className = "out-error";
    node.setAttribute("role", "alert");
    const strong = document.createElement("strong");
    strong.textContent = title;
    node.append(strong, typeof error === "string" ? error : error.message);
    this.#terminal.append(node);
    this.#last = null;
    this.#terminal.scrollTop = this.#terminal.scrollHeight;
  }

  /** Shows the compile stage apart from the run. */
  compile(stage: StageResult): void {
    const failed = stage.exitCode !== 0 || stage.signal !== null;
    const text = [stage.stdout, stage.stderr]
      .filter(Boolean)
      .join(stage.stdout.endsWith("\n") ? "" : "\n");
    this.#compile.classList.toggle("failed", failed);
    this.#compileSummary.textContent = failed
      ? `Compilation failed (${describeExit(stage.exitCode, stage.signal)}, ${formatDuration(stage.wallMs)})`
      : `Compiled in ${formatDuration(stage.wallMs)}${text ? " with warnings" : ""}`;
    this.#compileText.textContent = text || (failed ? "The compiler printed nothing." : "");
    this.#compileText.hidden = !this.#compileText.textContent;
    this.#compile.open = failed || Boolean(text);
    this.#compile.hidden = false;
  }

  /** The status line while a run is in flight, with a live elapsed time. */
  running(label: string): void {
    this.#stopTimer();
    const started = performance.now();
    this.#badge.hidden = true;
    this.#setState("running", `${label}…`);
    const tick = () => {
      this.#metrics.replaceChildren(metric("Elapsed", formatDuration(performance.now() - started)));
    };
    tick();
    this.#timer = setInterval(tick, 100);
  }

  /** The status line and badge for a finished run. */
  result(result: ExecuteResult, languageLabel: string, stopped = false): void {
    this.#stopTimer();
    const status = STATUS_LABELS[result.status] ?? {
      label: result.status,
      tone: "danger" as const,
    };
    const label = stopped ? "Stopped" : status.label;
    const tone = stopped ? "warning" : status.tone;
    this.#setState(tone, label);
    this.#badge.textContent = label;
    this.#badge.className = `badge tone-${tone}`;
    this.#badge.hidden = false;
    this.#badge.dataset.status = stopped ? "stopped" : result.status;

    const stage = result.run ?? result.compile;
    const items: HTMLElement[] = [];
    if (stage) {
      items.push(metric("Wall", formatDuration(stage.wallMs)));
      items.push(metric("CPU", formatDuration(stage.cpuMs)));
      items.push(metric("Memory", formatBytes(stage.memoryBytes)));
    }
    const version = metric("", `${languageLabel} ${result.version}`.trim());
    version.classList.add("metric-version");
    items.push(version);
    this.#metrics.replaceChildren(...items);

    if (result.status === "compile_error") {
      this.note("The program did not run: it failed to compile (see the compiler's output above).");
    }
    if (result.run) {
      if (result.run.truncated) this.note("Output was cut at the output limit.");
      const how = describeExit(result.run.exitCode, result.run.signal);
      this.note(stopped ? "Stopped." : `Process ${how}.`);
    }
    if (result.message && !stopped) this.note(result.message);
  }

  /** The status line, badge and a note for a finished judge run (its tests show in the Tests tab). */
  judged(result: JudgeResult, languageLabel: string): void {
    this.#stopTimer();
    const { label, tone } = VERDICT_LABELS[result.verdict];
    this.#setState(tone, label);
    this.#badge.textContent = label;
    this.#badge.className = `badge tone-${tone}`;
    this.#badge.hidden = false;
    this.#badge.dataset.status = result.verdict;
    const version = metric("", `${languageLabel} ${result.version}`.trim());
    version.classList.add("metric-version");
    this.#metrics.replaceChildren(
      metric("Passed", `${result.passed}/${result.total}`),
      metric("Max wall", formatDuration(result.maxWallMs)),
      metric("Max memory", formatBytes(result.maxMemoryBytes)),
      version,
    );
    this.note(
      result.verdict === "compile_error"
        ? "The tests did not run: the program failed to compile (see the compiler's output above)."
        : result.verdict === "accepted"
          ? `All ${result.total} tests passed.`
          : `${result.passed} of ${result.total} tests passed. Open a failed test in the Tests tab to see its output beside the expected one.`,
    );
    if (result.message) this.note(result.message);
  }

  /** The status line of a run that ended without a result (stopped, or the server failed). */
  ended(tone: "warning" | "danger", label: string): void {
    this.#stopTimer();
    this.#setState(tone, label);
    this.#badge.textContent = label;
    this.#badge.className = `badge tone-${tone}`;
    this.#badge.dataset.status = tone === "warning" ? "stopped" : "error";
    this.#badge.hidden = false;
    this.#metrics.replaceChildren();
  }

  /** The status line when nothing runs. */
  idle(text: string, hint = ""): void {
    this.#stopTimer();
    this.#setState("idle", text);
    this.#metrics.replaceChildren(...(hint ? [metric("", hint)] : []));
  }

  #setState(tone: string, text: string): void {
    this.#state.dataset.tone = tone;
    this.#stateText.textContent = text;
  }

  #stopTimer(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
  }

  #nearBottom(): boolean {
    const t = this.#terminal;
    return t.scrollHeight - t.scrollTop - t.clientHeight < 40;
  }

  #trim(): void {
    while (this.#chars > MAX_TERMINAL_CHARS) {
      const first = [...this.#terminal.children].find((node) => node !== this.#empty);
      if (!first) break;
      this.#chars -= first.textContent?.length ?? 0;
      if (first === this.#last?.node) this.#last = null;
      first.remove();
    }
  }
}

function metric(name: string, value: string): HTMLElement {
  const node = document.createElement("span");
  node.className = "metric";
  if (name) {
    node.append(`${name} `);
    const strong = document.createElement("b");
    strong.textContent = value;
    node.append(strong);
  } else {
    node.textContent = value;
  }
  return node;
}
