import { type Engine, type LanguageInfo, languageRegistry } from "@warmbox/engine";
import type { LanguageEntry, LanguageStatus } from "./language-entry.js";

/** Registry order, so a language keeps its place in the list when its image arrives. */
const registryOrder = (id: string) => languageRegistry.all.findIndex((spec) => spec.id === id);

/**
 * The languages the engine serves, asked once and kept (the versions come from the images and
 * do not change while the server runs), and those whose image is still on its way. A failed
 * lookup is retried on the next call; an arrival makes the next call ask the engine again.
 */
export class LanguageCatalog {
  #languages: Promise<LanguageInfo[]> | undefined;
  readonly #pending = new Map<string, Exclude<LanguageStatus, "ready">>();

  constructor(private readonly engine: Engine) {}

  /** The languages that run now. */
  list(): Promise<LanguageInfo[]> {
    if (this.#languages === undefined) {
      this.#languages = this.engine.languages();
      this.#languages.catch(() => {
        this.#languages = undefined;
      });
    }
    return this.#languages;
  }

  /** Every language this server has or will have, each with its status. */
  async entries(): Promise<LanguageEntry[]> {
    const ready: LanguageEntry[] = (await this.list()).map((info) => ({
      ...info,
      status: "ready",
    }));
    const pending: LanguageEntry[] = [];
    for (const [key, status] of this.#pending) {
      const spec = languageRegistry.byKey(key);
      if (!spec) continue;
      pending.push({
        id: spec.id,
        name: spec.name,
        version: null,
        default: false,
        aliases: [...spec.aliases],
        compiled: spec.compile !== undefined,
        defaultFile: spec.defaultFile,
        starter: spec.starter,
        highlight: spec.highlight,
        runtime: null,
        status,
      });
    }
    return [...ready, ...pending].sort((a, b) => registryOrder(a.id) - registryOrder(b.id));
  }

  /** These language versions' images (by key, "python@3.13") are being built. */
  markBuilding(keys: readonly string[]): void {
    for (const key of keys) this.#pending.set(key, "building");
  }

  /** These language versions' images could not be built; they stay listed as failed. */
  markFailed(keys: readonly string[]): void {
    for (const key of keys) if (this.#pending.has(key)) this.#pending.set(key, "failed");
  }

  /** Keys of the language versions not served yet (building or failed). */
  pending(): string[] {
    return [...this.#pending.keys()];
  }

  /** These language versions are served now. */
  markArrived(keys: readonly string[]): void {
    for (const key of keys) this.#pending.delete(key);
    this.#languages = undefined;
  }
}
