import type { ApiClient } from "./api-client.js";
import type { LanguageEntry } from "./api-types.js";
import { isReady } from "./language-select.js";
import type { LanguageSwitcher } from "./language-switcher.js";

/** How often the page asks again while some language's image is still being built. */
const POLL_INTERVAL_MS = 5_000;

export interface LanguageArrivalsOptions {
  api: ApiClient;
  languages: LanguageSwitcher;
  /** Told the name of each language that becomes runnable. */
  onArrival: (language: LanguageEntry) => void;
}

/**
 * While the server still builds some languages' images, asks for the list every few seconds
 * and enables each language as it arrives; stops once none is building.
 */
export class LanguageArrivals {
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly options: LanguageArrivalsOptions) {}

  /** Starts watching if a language is building (again after a reload of the list). */
  watch(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    if (!this.options.languages.languages.some((language) => language.status === "building"))
      return;
    this.#timer = setTimeout(() => void this.#poll(), POLL_INTERVAL_MS);
  }

  async #poll(): Promise<void> {
    const { api, languages, onArrival } = this.options;
    const before = new Set(languages.languages.filter(isReady).map((language) => language.id));
    try {
      const now = await api.languages();
      languages.setLanguages(now);
      for (const language of now)
        if (isReady(language) && !before.has(language.id)) onArrival(language);
    } catch {
      // The server is away for a moment: the next round asks again.
    }
    this.watch();
  }
}
