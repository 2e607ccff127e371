import type { ApiClient } from "./api-client.js";
import { ApiError, isUnauthorized } from "./api-error.js";
import { ApiKeyDialog } from "./api-key-dialog.js";
import { ApiKeyGate } from "./api-key-gate.js";
import type { LanguageEntry } from "./api-types.js";
import { copyText } from "./clipboard.js";
import { byId } from "./dom.js";
import { CodeEditor } from "./editor.js";
import { installInputMode } from "./input-mode.js";
import { JudgeController } from "./judge-controller.js";
import { labelShortcuts, MOD_KEY, onRunShortcut } from "./keyboard-shortcuts.js";
import { LanguageArrivals } from "./language-arrivals.js";
import { isReady } from "./language-select.js";
import { LanguageSwitcher } from "./language-switcher.js";
import { OutputView } from "./output-view.js";
import { installPageLayout } from "./page-layout.js";
import { preferences } from "./preferences.js";
import { RunController } from "./run-controller.js";
import { ShareController } from "./share-controller.js";
import type { SharedProgram } from "./share-link.js";
import { installSideTabs } from "./side-tabs.js";
import { TestsPanel } from "./tests-panel.js";
import { installThemeSelect } from "./theme-select.js";
import { applyTheme, DEFAULT_THEME_ID, findTheme } from "./themes.js";
import { createToast } from "./toast.js";

/** What the stdin pane holds on a first visit: the starter programs greet whoever it names. */
const DEFAULT_STDIN = "World\n";

/** The playground page: wires the editor, the panes and the API client together. */
export class Playground {
  readonly #api: ApiClient;
  readonly #editor: CodeEditor;
  readonly #output = new OutputView();
  readonly #toast = createToast(byId("toast"));
  readonly #keys: ApiKeyGate;
  readonly #languages: LanguageSwitcher;
  readonly #arrivals: LanguageArrivals;
  readonly #runs: RunController;
  readonly #tests: TestsPanel;
  readonly #judge: JudgeController;
  readonly #share: ShareController;
  readonly #ui = {
    run: byId<HTMLButtonElement>("run-button"),
    language: byId<HTMLSelectElement>("language-select"),
    interactive: byId<HTMLInputElement>("interactive-toggle"),
    stdin: byId<HTMLTextAreaElement>("stdin"),
    stop: byId<HTMLButtonElement>("stop-button"),
    runTests: byId<HTMLButtonElement>("run-tests-button"),
    banner: byId<HTMLDivElement>("banner"),
    bannerText: byId<HTMLSpanElement>("banner-text"),
    bannerRetry: byId<HTMLButtonElement>("banner-retry"),
  };
  #pendingShare: SharedProgram | null = null;

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
      onChange: () => this.#languages.codeChanged(),
    });
    this.#languages = new LanguageSwitcher({
      editor: this.#editor,
      select: this.#ui.language,
      fileName: byId<HTMLSpanElement>("file-name"),
      version: byId<HTMLSpanElement>("language-version"),
    });
    this.#arrivals = new LanguageArrivals({
      api,
      languages: this.#languages,
      onArrival: (language) => this.#toast(`${language.name} is ready to run.`),
    });
    this.#runs = new RunController({
      api,
      keys: this.#keys,
      editor: this.#editor,
      languages: this.#languages,
      output: this.#output,
      controls: {
        run: this.#ui.run,
        stop: this.#ui.stop,
        language: this.#ui.language,
        stdin: this.#ui.stdin,
        interactive: this.#ui.interactive,
        terminalForm: byId<HTMLFormElement>("terminal-form"),
        terminalInput: byId<HTMLInputElement>("terminal-input"),
        eof: byId<HTMLButtonElement>("eof-button"),
      },
      // A run and the tests never go at once.
      onBusyChange: (busy) => {
        this.#ui.runTests.disabled = busy || !this.#languages.current;
      },
    });
    this.#tests = new TestsPanel(
      {
        list: byId<HTMLOListElement>("test-list"),
        empty: byId("tests-empty"),
        add: byId<HTMLButtonElement>("add-test-button"),
        verdict: byId("tests-verdict"),
        count: byId("tests-count"),
      },
      (cases) => preferences.setTests(cases),
    );
    this.#judge = new JudgeController({
      api,
      keys: this.#keys,
      editor: this.#editor,
      languages: this.#languages,
      output: this.#output,
      panel: this.#tests,
      controls: {
        runTests: this.#ui.runTests,
        run: this.#ui.run,
        language: this.#ui.language,
        stop: this.#ui.stop,
      },
      running: () => this.#runs.busy,
    });
    this.#share = new ShareController({
      editor: this.#editor,
      languages: this.#languages,
      busy: () => this.#runs.busy || this.#judge.busy,
      toast: this.#toast,
      stdin: this.#ui.stdin,
      tests: () => this.#tests.cases,
      openTests: (tests) => this.#tests.setCases(tests),
      shareButton: byId<HTMLButtonElement>("share-button"),
      dialog: byId<HTMLDialogElement>("share-dialog"),
      url: byId<HTMLInputElement>("share-url"),
      copyButton: byId<HTMLButtonElement>("share-copy"),
    });
    installThemeSelect(byId<HTMLSelectElement>("theme-select"), theme.id, (chosen) =>
      this.#editor.setDark(chosen.dark),
    );
    this.#setupControls();
    installPageLayout();
    this.#output.idle("Loading languages…");
  }

  /** Reads a shared program from the address, then loads the languages. */
  async start(): Promise<void> {
    this.#pendingShare = await this.#share.readAddress();
    const stdin = this.#pendingShare?.stdin ?? preferences.stdin() ?? DEFAULT_STDIN;
    this.#ui.stdin.value = stdin;
    // A shared program's tests are shown, not saved, until edited (as its code and stdin are).
    this.#tests.setCases(this.#pendingShare?.tests ?? preferences.tests());
    await this.loadLanguages();
  }

  async loadLanguages(): Promise<void> {
    this.#ui.bannerRetry.disabled = true;
    let languages: LanguageEntry[];
    try {
      languages = await this.#api.languages();
    } catch (error) {
      // A server with API keys: ask for one, then load again with it.
      if (isUnauthorized(error) && (await this.#keys.unlock())) return this.loadLanguages();
      const message = ApiError.isInstance(error)
        ? error.message
        : "The server answered something unexpected.";
      this.#showBanner(`Couldn't load the list of languages. ${message}`);
      this.#output.idle(isUnauthorized(error) ? "API key needed" : "Offline");
      return;
    } finally {
      this.#ui.bannerRetry.disabled = false;
    }
    if (languages.length === 0) {
      this.#showBanner("This server offers no languages.");
      return;
    }
    this.#ui.banner.hidden = true;
    this.#languages.setLanguages(languages);
    this.#arrivals.watch();

    /** A language that runs now, by id or alias. */
    const runnable = (key: string | null | undefined) => {
      const found = this.#languages.find(key);
      return found && isReady(found) ? found : undefined;
    };
    const shared = this.#pendingShare;
    this.#pendingShare = null;
    const sharedLanguage = shared ? runnable(shared.language) : undefined;
    if (shared && !sharedLanguage) {
      const building = this.#languages.find(shared.language)?.status === "building";
      this.#toast(
        building
          ? `The shared program is in ${shared.language}, which is still being set up here; try again in a minute.`
          : `The shared program is in ${shared.language}, which this server doesn't run.`,
        6000,
      );
    }
    const language =
      sharedLanguage ??
      runnable(preferences.language()) ??
      runnable("python") ??
      languages.find(isReady);
    if (!language) return;
    if (shared && sharedLanguage) {
      this.#languages.select(language, shared.code);
      this.#toast("Opened a shared program.");
    } else {
      this.#languages.select(language);
    }
    this.#ui.run.disabled = false;
    this.#ui.runTests.disabled = false;
    this.#output.idle("Ready", `Press ${MOD_KEY}+Enter to run`);
  }

  /** The controls outside the run, share and language modules: reset, retry, output tools. */
  #setupControls(): void {
    labelShortcuts(this.#ui.run);
    byId<HTMLButtonElement>("reset-button").addEventListener("click", () => {
      const language = this.#languages.current;
      if (!language) return;
      this.#editor.setCode(language.starter ?? "");
      this.#toast(`Starter program restored. Press ${MOD_KEY}+Z to undo.`);
      this.#editor.focus();
    });
    this.#ui.bannerRetry.addEventListener("click", () => void this.loadLanguages());
    byId<HTMLButtonElement>("clear-button").addEventListener("click", () => this.#output.clear());
    byId<HTMLButtonElement>("copy-output-button").addEventListener(
      "click",
      () => void copyText(this.#output.text, "Output copied.", this.#toast),
    );
    installInputMode({
      stdin: this.#ui.stdin,
      interactive: this.#ui.interactive,
      hint: byId<HTMLSpanElement>("stdin-hint"),
    });
    installSideTabs({
      tabs: [byId<HTMLButtonElement>("input-tab"), byId<HTMLButtonElement>("tests-tab")],
      inputOnly: [byId("stdin-hint"), byId("interactive-switch")],
      testsOnly: [byId("tests-actions")],
    });
    onRunShortcut(() => {
      if (!this.#judge.busy) void this.#runs.run();
    });
  }

  #showBanner(text: string): void {
    this.#ui.bannerText.textContent = text;
    this.#ui.bannerRetry.hidden = false;
    this.#ui.banner.hidden = false;
  }
}
