import type { LanguageEntry } from "./api-types.js";
import type { CodeEditor } from "./editor.js";
import { loadHighlighter } from "./highlight-modes.js";
import { fillLanguageSelect, findLanguage, languageLabel } from "./language-select.js";
import { preferences } from "./preferences.js";

/** How long typing may pause before the draft is written to storage. */
const DRAFT_SAVE_DELAY_MS = 250;

export interface LanguageSwitcherOptions {
  editor: CodeEditor;
  /** The language selector. */
  select: HTMLSelectElement;
  /** The editor's file-name label. */
  fileName: HTMLElement;
  /** The editor's language-and-version label. */
  version: HTMLElement;
}

/**
 * The current language and the code written in each: switching shows the language's draft (or
 * its starter program), and what the visitor types is kept per language in storage.
 */
export class LanguageSwitcher {
  readonly #editor: CodeEditor;
  readonly #select: HTMLSelectElement;
  readonly #fileName: HTMLElement;
  readonly #version: HTMLElement;
  #languages: LanguageEntry[] = [];
  #language: LanguageEntry | null = null;
  /** True while the editor holds an unedited shared program (its link stays in the address bar). */
  #showingShare = false;
  #saveTimer: ReturnType<typeof setTimeout> | null = null;
  /** True while the page itself replaces the code (a language switch, a shared program). */
  #settingCode = false;

  constructor(options: LanguageSwitcherOptions) {
    this.#editor = options.editor;
    this.#select = options.select;
    this.#fileName = options.fileName;
    this.#version = options.version;
    this.#select.addEventListener("change", () => {
      const language = this.find(this.#select.value);
      if (language) this.select(language);
    });
    window.addEventListener("pagehide", () => this.flushDraft());
  }

  /** The server's languages, in its order. */
  get languages(): readonly LanguageEntry[] {
    return this.#languages;
  }

  /** The language in the editor, once the languages are loaded. */
  get current(): LanguageEntry | null {
    return this.#language;
  }

  /**
   * Takes the server's languages and lists them in the selector (again when the list changes,
   * e.g. a language whose image was building arrives), keeping the current one selected.
   */
  setLanguages(languages: LanguageEntry[]): void {
    this.#languages = languages;
    fillLanguageSelect(this.#select, languages);
    const current = this.#language && this.find(this.#language.id);
    if (current) {
      this.#language = current;
      this.#select.value = current.id;
      this.#version.textContent = languageLabel(current);
    }
  }

  /** Finds a language of the server by id or alias. */
  find(key: string | null | undefined): LanguageEntry | undefined {
    return findLanguage(this.#languages, key);
  }

  /**
   * Shows `language` in the editor: `sharedCode` when a shared program is opened, else the
   * visitor's draft or the starter program.
   */
  select(language: LanguageEntry, sharedCode?: string): void {
    this.flushDraft();
    this.#language = language;
    this.#select.value = language.id;
    this.#fileName.textContent = language.defaultFile || "main";
    this.#version.textContent = languageLabel(language);
    preferences.setLanguage(language.id);
    this.#settingCode = true;
    try {
      this.#editor.setCode(sharedCode ?? preferences.draft(language.id) ?? language.starter ?? "");
    } finally {
      this.#settingCode = false;
    }
    this.#showingShare = sharedCode !== undefined;
    void this.#editor.setLanguage(loadHighlighter(language.highlight ?? language.id));
  }

  /** The editor's change listener: an edit by the visitor schedules the draft's save. */
  codeChanged(): void {
    if (this.#settingCode) return;
    if (this.#showingShare) {
      // The first edit of a shared program makes it the visitor's own draft: drop the link.
      this.#showingShare = false;
      history.replaceState(null, "", window.location.pathname + window.location.search);
    }
    if (this.#saveTimer !== null) clearTimeout(this.#saveTimer);
    this.#saveTimer = setTimeout(() => this.flushDraft(), DRAFT_SAVE_DELAY_MS);
  }

  /** Writes a pending draft now (before a run, a switch, or leaving the page). */
  flushDraft(): void {
    if (this.#saveTimer === null || !this.#language) return;
    clearTimeout(this.#saveTimer);
    this.#saveTimer = null;
    const code = this.#editor.code;
    preferences.setDraft(this.#language.id, code === this.#language.starter ? null : code);
  }
}
