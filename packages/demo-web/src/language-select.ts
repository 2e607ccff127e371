import type { LanguageEntry } from "./api-types.js";

/** True when the server runs the language now (its image is built). */
export function isReady(language: LanguageEntry): boolean {
  return (language.status ?? "ready") === "ready";
}

/** What the selector says after a language that can't run yet. */
const NOT_READY_NOTE = { building: "building…", failed: "unavailable" } as const;

/** The label of a language in the selector: "Python 3.11.2", or "Java (building…)". */
export function languageLabel(language: LanguageEntry): string {
  if (language.status === "building" || language.status === "failed") {
    return `${language.name} (${NOT_READY_NOTE[language.status]})`;
  }
  return language.version ? `${language.name} ${language.version}` : language.name;
}

/**
 * One entry per language: the server lists each version of a language separately, and the
 * playground runs a language at the server's default version (its requests name none), so it
 * keeps the entry marked default, else the first listed (the server lists the newest first).
 */
export function oneEntryPerLanguage(languages: readonly LanguageEntry[]): LanguageEntry[] {
  const chosen = new Map<string, LanguageEntry>();
  for (const language of languages) {
    const kept = chosen.get(language.id);
    if (kept === undefined || (language.default === true && kept.default !== true)) {
      chosen.set(language.id, language);
    }
  }
  return languages.filter((language) => chosen.get(language.id) === language);
}

/** Finds a language by id or alias, case-insensitively. */
export function findLanguage(
  languages: readonly LanguageEntry[],
  key: string | null | undefined,
): LanguageEntry | undefined {
  if (!key) return undefined;
  const wanted = key.toLowerCase();
  return (
    languages.find((language) => language.id.toLowerCase() === wanted) ??
    languages.find((language) => language.aliases?.some((alias) => alias.toLowerCase() === wanted))
  );
}

/**
 * Fills the <select> with the server's languages, in the server's order; those not ready yet
 * are listed but can't be chosen.
 */
export function fillLanguageSelect(
  select: HTMLSelectElement,
  languages: readonly LanguageEntry[],
): void {
  const options = languages.map((language) => {
    const option = document.createElement("option");
    option.value = language.id;
    option.textContent = languageLabel(language);
    option.disabled = !isReady(language);
    return option;
  });
  select.replaceChildren(...options);
  select.disabled = languages.length === 0;
}
