import type { ApiClient } from "./api-client.js";
import { isUnauthorized } from "./api-error.js";
import type { ApiKeyGate } from "./api-key-gate.js";
import type { JudgeRequest } from "./api-types.js";
import type { CodeEditor } from "./editor.js";
import type { JudgeSession } from "./judge-run.js";
import type { LanguageSwitcher } from "./language-switcher.js";
import type { OutputView } from "./output-view.js";
import { showOutcome } from "./run-outcome.js";
import { toJudgeTests } from "./test-cases.js";
import type { TestsPanel } from "./tests-panel.js";

/** The page's controls a judge run drives besides the Tests tab. */
export interface JudgeControls {
  /** The Tests tab's "Run tests" button. */
  runTests: HTMLButtonElement;
  /** The header's Run button and language selector, locked while the tests run. */
  run: HTMLButtonElement;
  language: HTMLSelectElement;
  /** The header's Stop button, which stops the tests too. */
  stop: HTMLButtonElement;
}

export interface JudgeControllerOptions {
  api: ApiClient;
  keys: ApiKeyGate;
  editor: CodeEditor;
  languages: LanguageSwitcher;
  output: OutputView;
  panel: TestsPanel;
  controls: JudgeControls;
  /** True while a plain run is in flight: the tests wait for it. */
  running: () => boolean;
}

/**
 * Runs the Tests tab's cases against the program in the editor (`POST /v1/judge/stream`, the
 * program compiled once): each test's verdict lands on its row as it finishes, the compiler's
 * output and the overall verdict in the output pane.
 */
export class JudgeController {
  readonly #options: JudgeControllerOptions;
  readonly #runTestsText: HTMLElement;
  #session: JudgeSession | null = null;

  constructor(options: JudgeControllerOptions) {
    this.#options = options;
    const { runTests, stop } = options.controls;
    this.#runTestsText = runTests.querySelector(".btn-text") ?? runTests;
    runTests.addEventListener("click", () => void this.judge());
    stop.addEventListener("click", () => this.#session?.stop());
  }

  /** True while the tests run. */
  get busy(): boolean {
    return this.#session !== null;
  }

  /** Runs every test case; does nothing while a run or judge is in flight, or with no tests. */
  async judge(): Promise<void> {
    const { api, keys, editor, languages, output, panel, running } = this.#options;
    const language = languages.current;
    const cases = panel.cases;
    if (this.#session || running() || !language || cases.length === 0) return;
    languages.flushDraft();
    const request: JudgeRequest = {
      language: language.id,
      files: [{ name: language.defaultFile || "main", content: editor.code }],
      tests: toJudgeTests(cases),
      // The visitor wrote these tests: show where the output went wrong.
      reveal: true,
    };
    output.clear();
    output.running(language.compiled ? "Compiling" : "Running tests");
    panel.started();
    const session = api.judge(request, {
      onCompile: (stage) => {
        output.compile(stage);
        if (stage.exitCode === 0) output.running("Running tests");
      },
      onTest: (test) => panel.tested(test),
    });
    this.#session = session;
    this.#setJudging(true);
    const outcome = await session.done;
    this.#session = null;
    this.#setJudging(false);
    if (outcome.kind === "result") {
      panel.finished(outcome.result);
      output.judged(outcome.result, language.name);
      return;
    }
    panel.finished(null);
    showOutcome(
      output,
      outcome.kind === "stopped" ? { kind: "stopped", result: null } : outcome,
      language.name,
    );
    // The server wants a key the page lacks: once one is accepted, the tests run.
    if (outcome.kind === "error" && isUnauthorized(outcome.error) && (await keys.unlock())) {
      await this.judge();
    }
  }

  #setJudging(judging: boolean): void {
    const { runTests, run, language, stop } = this.#options.controls;
    runTests.disabled = judging;
    runTests.setAttribute("aria-busy", String(judging));
    this.#runTestsText.textContent = judging ? "Running tests…" : "Run tests";
    run.disabled = judging || !this.#options.languages.current;
    language.disabled = judging;
    stop.disabled = !judging;
    if (!judging && (document.activeElement === stop || document.activeElement === document.body)) {
      runTests.focus();
    }
  }
}
