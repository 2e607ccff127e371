import type { ApiClient } from "./api-client.js";
import { isUnauthorized } from "./api-error.js";
import type { ApiKeyGate } from "./api-key-gate.js";
import type { ExecuteRequest } from "./api-types.js";
import type { CodeEditor } from "./editor.js";
import type { LanguageSwitcher } from "./language-switcher.js";
import type { OutputView } from "./output-view.js";
import { showOutcome } from "./run-outcome.js";
import type { RunListener, RunSession } from "./run-session.js";

/** The controls a run drives: started, stopped, fed with input, and locked while it goes. */
export interface RunControls {
  run: HTMLButtonElement;
  stop: HTMLButtonElement;
  /** The selector, locked while a run goes. */
  language: HTMLSelectElement;
  stdin: HTMLTextAreaElement;
  interactive: HTMLInputElement;
  terminalForm: HTMLFormElement;
  terminalInput: HTMLInputElement;
  eof: HTMLButtonElement;
}

export interface RunControllerOptions {
  api: ApiClient;
  keys: ApiKeyGate;
  editor: CodeEditor;
  languages: LanguageSwitcher;
  output: OutputView;
  controls: RunControls;
  /** Hears a run start (true) and end (false): other ways of running wait meanwhile. */
  onBusyChange?: (busy: boolean) => void;
}

/**
 * Runs the program in the editor, batch (SSE) or interactive (WebSocket), one at a time: streams
 * its output to the pane, sends typed lines to its stdin, stops it, and shows how it ended.
 */
export class RunController {
  readonly #api: ApiClient;
  readonly #keys: ApiKeyGate;
  readonly #editor: CodeEditor;
  readonly #languages: LanguageSwitcher;
  readonly #output: OutputView;
  readonly #ui: RunControls;
  readonly #runText: HTMLElement;
  readonly #onBusyChange: (busy: boolean) => void;
  #session: RunSession | null = null;

  constructor(options: RunControllerOptions) {
    this.#api = options.api;
    this.#keys = options.keys;
    this.#editor = options.editor;
    this.#languages = options.languages;
    this.#output = options.output;
    this.#ui = options.controls;
    this.#onBusyChange = options.onBusyChange ?? (() => {});
    this.#runText = this.#ui.run.querySelector(".btn-text") as HTMLElement;
    this.#wireControls();
  }

  /** True while a run is in flight. */
  get busy(): boolean {
    return this.#session !== null;
  }

  /** Runs the program in the editor; does nothing while a run is in flight. */
  async run(): Promise<void> {
    const language = this.#languages.current;
    if (this.#session || !language) return;
    this.#languages.flushDraft();
    const interactive = this.#ui.interactive.checked;
    const request: ExecuteRequest = {
      language: language.id,
      files: [{ name: language.defaultFile || "main", content: this.#editor.code }],
      stdin: this.#ui.stdin.value,
    };
    this.#output.clear();
    this.#output.running(language.compiled ? "Compiling" : "Running");
    const listener: RunListener = {
      onStdout: (text) => this.#output.append("stdout", text),
      onStderr: (text) => this.#output.append("stderr", text),
      onCompile: (stage) => {
        this.#output.compile(stage);
        if (stage.exitCode === 0) this.#output.running("Running");
      },
    };
    const session = interactive
      ? this.#api.interactive(request, listener)
      : this.#api.stream(request, listener);
    this.#session = session;
    this.#setRunning(true, interactive);
    const outcome = await session.done;
    this.#session = null;
    this.#setRunning(false, interactive);
    showOutcome(this.#output, outcome, language.name);
    // The server wants a key the page lacks: once one is accepted, the run goes through.
    if (outcome.kind === "error" && isUnauthorized(outcome.error) && (await this.#keys.unlock())) {
      await this.run();
    }
  }

  /** Kills the running program. */
  stop(): void {
    this.#session?.stop();
  }

  #wireControls(): void {
    const ui = this.#ui;
    ui.run.addEventListener("click", () => void this.run());
    ui.stop.addEventListener("click", () => this.stop());
    ui.terminalForm.addEventListener("submit", (event) => {
      event.preventDefault();
      if (!this.#session) return;
      const line = `${ui.terminalInput.value}\n`;
      this.#output.append("stdin", line);
      this.#session.sendStdin(line);
      ui.terminalInput.value = "";
    });
    ui.eof.addEventListener("click", () => {
      this.#session?.closeStdin();
      ui.terminalInput.disabled = true;
      ui.eof.disabled = true;
      this.#output.note("Input closed (end of file).");
    });
  }

  #setRunning(running: boolean, interactive: boolean): void {
    const { run, stop, terminalForm, terminalInput, language, eof } = this.#ui;
    run.disabled = running || !this.#languages.current;
    run.setAttribute("aria-busy", String(running));
    this.#runText.textContent = running ? "Running…" : "Run";
    stop.disabled = !running;
    language.disabled = running;
    terminalForm.hidden = !(running && interactive);
    terminalInput.disabled = !running;
    eof.disabled = !running;
    if (running && interactive) terminalInput.focus();
    this.#onBusyChange(running);
    if (
      !running &&
      (document.activeElement === stop ||
        document.activeElement === terminalInput ||
        document.activeElement === document.body)
    ) {
      run.focus();
    }
  }
}
