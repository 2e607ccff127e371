import type { Engine, LanguageInfo } from "@warmbox/engine";

/**
 * The languages the engine serves, asked once and kept (the versions come from the images and
 * do not change while the server runs). A failed lookup is retried on the next call.
 */
export class LanguageCatalog {
  #languages: Promise<LanguageInfo[]> | undefined;

  constructor(private readonly engine: Engine) {}

  list(): Promise<LanguageInfo[]> {
    if (this.#languages === undefined) {
      this.#languages = this.engine.languages();
      this.#languages.catch(() => {
        this.#languages = undefined;
      });
    }
    return this.#languages;
  }
}
