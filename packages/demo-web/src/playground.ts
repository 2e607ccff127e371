import type { ApiClient } from "./api-client.js";
import { ApiError } from "./api-error.js";
import { ApiKeyDialog } from "./api-key-dialog.js";
import { ApiKeyGate } from "./api-key-gate.js";
import type { ExecuteRequest, LanguageInfo } from "./api-types.js";
import { CodeEditor } from "./editor.js";
import { loadHighlighter } from "./highlight-modes.js";
import { fillLanguageSelect, findLanguage, languageLabel } from "./language-select.js";
import { OutputView } from "./output-view.js";
import { preferences } from "./preferences.js";
import type { RunOutcome, RunSession } from "./run-session.js";
import { decodeProgram, packedFromHash, type SharedProgram, shareUrl } from "./share-link.js";
import { installSplitter } from "./split-pane.js";
import { applyTheme, DEFAULT_THEME_ID, findTheme, THEMES } from "./themes.js";
import { createToast } from "./toast.js";

/** What the stdin pane holds on a first visit: the starter programs greet whoever it names. */
const DEFAULT_STDIN = "World\n";
/** How long typing may pause before the draft is written to storage. */
const DRAFT_SAVE_DELAY_MS = 250;

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from the page`);
  return element as T;
}

function isUnauthorized(error: unknown): boolean {
  return ApiError.isInstance(error) && error.kind === "unauthorized";
}

const isMac = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** The playground page: wires the editor, the panes and the API client together. */
export class Playground {
  readonly #api: ApiClient;
  readonly #editor: CodeEditor;
  readonly #output = new OutputView();
  readonly #toast = createToast(byId("toast"));
  readonly #keys: ApiKeyGate;
  readonly #ui = {
    language: byId<HTMLSelectElement>("language-select"),
    theme: byId<HTMLSelectElement>("theme-select"),
    run: byId<HTMLButtonElement>("run-button"),
    runText: byId<HTMLButtonElement>("run-button").querySelector(".btn-text") as HTMLElement,
    stop: byId<HTMLButtonElement>("stop-button"),
    share: byId<HTMLButtonElement>("share-button"),
    reset: byId<HTMLButtonElement>("reset-button"),
    stdin: byId<HTMLTextAreaElement>("stdin"),
    stdinHint: byId<HTMLSpanElement>("stdin-hint"),
    interactive: byId<HTMLInputElement>("interactive-toggle"),
    fileName: byId<HTMLSpanElement>("file-name"),
    version: byId<HTMLSpanElement>("language-version"),
    banner: byId<HTMLDivElement>("banner"),
    bannerText: byId<HTMLSpanElement>("banner-text"),
    bannerRetry: byId<HTMLButtonElement>("banner-retry"),
    terminalForm: byId<HTMLFormElement>("terminal-form"),
    terminalInput: byId<HTMLInputElement>("terminal-input"),
    eof: byId<HTMLButtonElement>("eof-button"),
    clear: byId<HTMLButtonElement>("clear-button"),
    copyOutput: byId<HTMLButtonElement>("copy-output-button"),
    shareDialog: byId<HTMLDialogElement>("share-dialog"),
    shareUrl: byId<HTMLInputElement>("share-url"),
    shareCopy: byId<HTMLButtonElement>("share-copy"),
  };
  #languages: LanguageInfo[] = [];
  #language: LanguageInfo | null = null;
  #session: RunSession | null = null;
  #pendingShare: SharedProgram | null = null;
  /** True while the editor holds an unedited shared program (its link stays in the address bar). */
  #showingShare = false;
  #saveTimer: ReturnType<typeof setTimeout> | null = null;
  /** True while the page itself replaces the code (a language switch, a shared program). */
  #settingCode = false;

  constructor(api: ApiClient) {
    this.#api = api;
    this.#keys = new ApiKeyGate({
      api,
      button: byId<HTMLButtonElement>("api-key-button"),
      toast: this.#toast,
      dialog: new ApiKeyDialog({
        dialog: byId<HTMLDialogElement>("api-key-dialog"),
        verify: async (apiKey, signal) => {
          await api.languages({ apiKey, signal });
        },
      }),
    });
    const theme = findTheme(preferences.theme() ?? DEFAULT_THEME_ID);
    applyTheme(theme);
    this.#editor = new CodeEditor({
      parent: byId("editor"),
      doc: "",
      dark: theme.dark,
      onChange: () => this.#codeChanged(),
    });
    this.#setupThemes(theme.id);
    this.#setupControls();
    this.#setupLayout();
    this.#output.idle("Loading languages…");
  }

  /** Reads a shared program from the address, then loads the languages. */
  async start(): Promise<void> {
    const packed = packedFromHash(window.location.hash);
    if (packed) {
      this.#pendingShare = await decodeProgram(packed);
      if (!this.#pendingShare)
        this.#toast("This share link is damaged, so it could not be opened.");
    }
    const stdin = this.#pendingShare?.stdin ?? preferences.stdin() ?? DEFAULT_STDIN;
    this.#ui.stdin.value = stdin;
    await this.loadLanguages();
  }

  async loadLanguages(): Promise<void> {
    this.#ui.bannerRetry.disabled = true;
    try {
      this.#languages = await this.#api.languages();
    } catch (error) {
      // A server with API keys: ask for one, then load again with it.
      if (isUnauthorized(error) && (await this.#keys.unlock())) return this.loadLanguages();
      const message = ApiError.isInstance(error)
        ? error.message
        : "The server answered something unexpected.";
      this.#showBanner(`Couldn't load the list of languages. ${message}`, true);
      this.#output.idle(isUnauthorized(error) ? "API key needed" : "Offline");
      return;
    } finally {
      this.#ui.bannerRetry.disabled = false;
    }
    if (this.#languages.length === 0) {
      this.#showBanner("This server offers no languages.", true);
      return;
    }
    this.#hideBanner();
    fillLanguageSelect(this.#ui.language, this.#languages);

    const shared = this.#pendingShare;
    this.#pendingShare = null;
    let language = shared ? findLanguage(this.#languages, shared.language) : undefined;
    if (shared && !language) {
      this.#toast(
        `The shared program is in ${shared.language}, which this server doesn't run.`,
        6000,
      );
    }
    language ??=
      findLanguage(this.#languages, preferences.language()) ??
      findLanguage(this.#languages, "python") ??
      this.#languages[0];
    if (!language) return;
    if (
      shared &&
      language.id.toLowerCase() === findLanguage(this.#languages, shared.language)?.id.toLowerCase()
    ) {
      this.#selectLanguage(language, shared.code);
      this.#showingShare = true;
      this.#toast("Opened a shared program.");
    } else {
      this.#selectLanguage(language);
    }
    this.#ui.run.disabled = false;
    this.#output.idle("Ready", `Press ${isMac ? "⌘" : "Ctrl"}+Enter to run`);
  }

  /** Runs the program in the editor; does nothing while a run is in flight. */
  async run(): Promise<void> {
    const language = this.#language;
    if (this.#session || !language) return;
    this.#flushDraft();
    const interactive = this.#ui.interactive.checked;
    const request: ExecuteRequest = {
      language: language.id,
      files: [{ name: language.defaultFile || "main", content: this.#editor.code }],
      stdin: this.#ui.stdin.value,
    };
    this.#output.clear();
    this.#output.running(language.compiled ? "Compiling" : "Running");
    const listener = {
      onStdout: (text: string) => this.#output.append("stdout", text),
      onStderr: (text: string) => this.#output.append("stderr", text),
      onCompile: (stage: Parameters<OutputView["compile"]>[0]) => {
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
    this.#finish(outcome, language);
    // The server wants a key the page lacks: once one is accepted, the run goes through.
    if (outcome.kind === "error" && isUnauthorized(outcome.error) && (await this.#keys.unlock())) {
      await this.run();
    }
  }

  /** Kills the running program. */
  stop(): void {
    this.#session?.stop();
  }

  #finish(outcome: RunOutcome, language: LanguageInfo): void {
    const label = language.name;
    switch (outcome.kind) {
      case "result":
        this.#output.result(outcome.result, label);
        break;
      case "stopped":
        if (outcome.result) this.#output.result(outcome.result, label, true);
        else {
          this.#output.note("Stopped.");
          this.#output.ended("warning", "Stopped");
        }
        break;
      case "error": {
        const { error } = outcome;
        const titles: Record<string, [string, string]> = {
          rate_limited: ["Slow down a little", "Rate limited"],
          overloaded: ["The server is busy", "Server busy"],
          network: ["No connection to the server", "Offline"],
          unauthorized: ["An API key is needed", "No key"],
        };
        const [title, badge] = titles[error.kind] ?? ["The program could not run", "Not run"];
        this.#output.error(title, error);
        this.#output.ended("danger", badge);
        break;
      }
    }
  }

  #setRunning(running: boolean, interactive: boolean): void {
    const { run, runText, stop, terminalForm, terminalInput, language } = this.#ui;
    run.disabled = running || !this.#language;
    run.setAttribute("aria-busy", String(running));
    runText.textContent = running ? "Running…" : "Run";
    stop.disabled = !running;
    language.disabled = running;
    terminalForm.hidden = !(running && interactive);
    terminalInput.disabled = !running;
    this.#ui.eof.disabled = !running;
    if (running && interactive) terminalInput.focus();
    if (
      !running &&
      (document.activeElement === stop ||
        document.activeElement === terminalInput ||
        document.activeElement === document.body)
    ) {
      run.focus();
    }
  }

  #selectLanguage(language: LanguageInfo, code?: string): void {
    this.#flushDraft();
    this.#language = language;
    this.#ui.language.value = language.id;
    this.#ui.fileName.textContent = language.defaultFile || "main";
    this.#ui.version.textContent = languageLabel(language);
    preferences.setLanguage(language.id);
    this.#settingCode = true;
    try {
      this.#editor.setCode(code ?? preferences.draft(language.id) ?? language.starter ?? "");
    } finally {
      this.#settingCode = false;
    }
    this.#showingShare = false;
    void this.#editor.setLanguage(loadHighlighter(language.highlight ?? language.id));
  }

  #codeChanged(): void {
    if (this.#settingCode) return;
    if (this.#showingShare) {
      // The first edit of a shared program makes it the visitor's own draft: drop the link.
      this.#showingShare = false;
      history.replaceState(null, "", window.location.pathname + window.location.search);
    }
    if (this.#saveTimer !== null) clearTimeout(this.#saveTimer);
    this.#saveTimer = setTimeout(() => this.#flushDraft(), DRAFT_SAVE_DELAY_MS);
  }

  #flushDraft(): void {
    if (this.#saveTimer === null || !this.#language) return;
    clearTimeout(this.#saveTimer);
    this.#saveTimer = null;
    const code = this.#editor.code;
    preferences.setDraft(this.#language.id, code === this.#language.starter ? null : code);
  }

  async #openSharedFromHash(): Promise<void> {
    const packed = packedFromHash(window.location.hash);
    if (!packed || this.#languages.length === 0 || this.#session) return;
    const shared = await decodeProgram(packed);
    const language = shared ? findLanguage(this.#languages, shared.language) : undefined;
    if (!shared || !language) {
      this.#toast("This share link is damaged, or its language isn't on this server.");
      return;
    }
    this.#selectLanguage(language, shared.code);
    this.#showingShare = true;
    this.#ui.stdin.value = shared.stdin;
    this.#toast("Opened a shared program.");
  }

  async #share(): Promise<void> {
    if (!this.#language) return;
    const url = await shareUrl(window.location.href, {
      language: this.#language.id,
      code: this.#editor.code,
      stdin: this.#ui.stdin.value,
    });
    this.#ui.shareUrl.value = url;
    if (!this.#ui.shareDialog.open) this.#ui.shareDialog.showModal();
    this.#ui.shareUrl.select();
    await this.#copy(url, "Link copied to the clipboard.");
  }

  async #copy(text: string, done: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      this.#toast(done);
    } catch {
      // No clipboard permission: the text stays selected for Ctrl+C.
    }
  }

  #setupThemes(current: string): void {
    const select = this.#ui.theme;
    select.replaceChildren(
      ...THEMES.map((theme) => {
        const option = document.createElement("option");
        option.value = theme.id;
        option.textContent = theme.name;
        return option;
      }),
    );
    select.value = current;
    select.addEventListener("change", () => {
      const theme = findTheme(select.value);
      applyTheme(theme);
      preferences.setTheme(theme.id);
      this.#editor.setDark(theme.dark);
    });
  }

  #setupControls(): void {
    const ui = this.#ui;
    for (const node of document.querySelectorAll(".kbd-mod"))
      node.textContent = isMac ? "⌘" : "Ctrl";
    ui.run.title = `Run (${isMac ? "⌘" : "Ctrl"}+Enter)`;

    ui.language.addEventListener("change", () => {
      const language = findLanguage(this.#languages, ui.language.value);
      if (language) this.#selectLanguage(language);
    });
    ui.run.addEventListener("click", () => void this.run());
    ui.stop.addEventListener("click", () => this.stop());
    ui.share.addEventListener("click", () => void this.#share());
    ui.shareCopy.addEventListener("click", () => {
      ui.shareUrl.select();
      void this.#copy(ui.shareUrl.value, "Link copied to the clipboard.");
    });
    ui.reset.addEventListener("click", () => {
      if (!this.#language) return;
      this.#editor.setCode(this.#language.starter ?? "");
      this.#toast(`Starter program restored. Press ${isMac ? "⌘" : "Ctrl"}+Z to undo.`);
      this.#editor.focus();
    });
    ui.bannerRetry.addEventListener("click", () => void this.loadLanguages());
    ui.clear.addEventListener("click", () => this.#output.clear());
    ui.copyOutput.addEventListener(
      "click",
      () => void this.#copy(this.#output.text, "Output copied."),
    );

    ui.stdin.addEventListener("input", () => preferences.setStdin(ui.stdin.value));
    ui.interactive.checked = preferences.inputMode() === "interactive";
    const describeMode = () => {
      ui.stdinHint.textContent = ui.interactive.checked
        ? "sent first; type more while it runs"
        : "stdin, sent when the program starts";
    };
    describeMode();
    ui.interactive.addEventListener("change", () => {
      preferences.setInputMode(ui.interactive.checked ? "interactive" : "batch");
      describeMode();
    });

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

    // Ctrl/Cmd+Enter runs from anywhere on the page (the editor included), before CodeMirror's
    // own Mod-Enter binding sees it.
    window.addEventListener(
      "keydown",
      (event) => {
        if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && !event.altKey) {
          event.preventDefault();
          event.stopPropagation();
          void this.run();
        }
      },
      { capture: true },
    );
    window.addEventListener("pagehide", () => this.#flushDraft());
    // A share link pasted into the address bar of an open playground opens too.
    window.addEventListener("hashchange", () => void this.#openSharedFromHash());
  }

  #setupLayout(): void {
    installSplitter({
      handle: byId("splitter-columns"),
      container: byId("workspace"),
      variable: "--editor-share",
      axis: "x",
      min: 20,
      max: 80,
      storageKey: "warmbox.playground.split.columns",
    });
    installSplitter({
      handle: byId("splitter-rows"),
      container: byId("side"),
      variable: "--stdin-share",
      axis: "y",
      min: 10,
      max: 80,
      storageKey: "warmbox.playground.split.rows",
    });
  }

  #showBanner(text: string, retry: boolean): void {
    this.#ui.bannerText.textContent = text;
    this.#ui.bannerRetry.hidden = !retry;
    this.#ui.banner.hidden = false;
  }

  #hideBanner(): void {
    this.#ui.banner.hidden = true;
  }
}
