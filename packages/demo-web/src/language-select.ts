import type { LanguageInfo } from "./api-types.js";

/** The label of a language in the selector: "Python 3.11.2". */
export function languageLabel(language: LanguageInfo): string {
  return language.version ? `${language.name} ${language.version}` : language.name;
}

/** Finds a language by id or alias, case-insensitively. */
export function findLanguage(
  languages: readonly LanguageInfo[],
  key: string | null | undefined,
): LanguageInfo | undefined {
  if (!key) return undefined;
  const wanted = key.toLowerCase();
  return (
    languages.find((language) => language.id.toLowerCase() === wanted) ??
    languages.find((language) => language.aliases?.some((alias) => alias.toLowerCase() === wanted))
  );
}

/** Fills the <select> with the server's languages, in the server's order. */
export function fillLanguageSelect(
  select: HTMLSelectElement,
  languages: readonly LanguageInfo[],
): void {
  const options = languages.map((language) => {
    const option = document.createElement("option");
    option.value = language.id;
    option.textContent = languageLabel(language);
    return option;
  });
  select.replaceChildren(...options);
  select.disabled = languages.length === 0;
}
