import { type LanguageInfo, languageRegistry } from "@warmbox/engine";
import {
  JUDGE0_LANGUAGE_IDS,
  SPECIAL_LANGUAGE_HOST,
  SPECIAL_LANGUAGE_NAMES,
} from "./judge0-language-ids.js";

/** A language as the Judge0 API lists it, with the Warmbox language behind it. */
export interface Judge0Language {
  id: number;
  /** Judge0's style: "Python (3.12.3)", "C (GCC 13.2.0)". */
  name: string;
  /** A language's other Judge0 ids: accepted, listed by `/languages/all` only. */
  is_archived: boolean;
  /** The Warmbox language that runs it. */
  warmbox: string;
}

/** "C (GCC)" + "13.2.0" → "C (GCC 13.2.0)"; "Python" + "3.12.3" → "Python (3.12.3)". */
export function judge0LanguageName(name: string, version: string): string {
  return name.endsWith(")") ? `${name.slice(0, -1)} ${version})` : `${name} (${version})`;
}

/**
 * The Judge0 languages of the Warmbox languages served now (`served`, with their versions):
 * current ids, then (archived) legacy ids, then the special languages when the Bash sandbox
 * that runs them is served. Sorted by id within each group.
 */
export function judge0Languages(served: readonly LanguageInfo[]): Judge0Language[] {
  // A Judge0 id runs its language's default version (Judge0's ids per version are not mapped).
  const byId = new Map(served.filter((info) => info.default).map((info) => [info.id, info]));
  const current: Judge0Language[] = [];
  const legacy: Judge0Language[] = [];
  for (const entry of JUDGE0_LANGUAGE_IDS) {
    const info = byId.get(entry.language);
    if (!info) continue;
    const name = judge0LanguageName(info.name, info.version);
    current.push({ id: entry.id, name, is_archived: false, warmbox: entry.language });
    for (const id of entry.legacyIds ?? [])
      legacy.push({ id, name, is_archived: true, warmbox: entry.language });
  }
  if (byId.has(SPECIAL_LANGUAGE_HOST)) {
    for (const [id, name] of Object.entries(SPECIAL_LANGUAGE_NAMES))
      current.push({ id: Number(id), name, is_archived: false, warmbox: SPECIAL_LANGUAGE_HOST });
  }
  const byNumber = (a: Judge0Language, b: Judge0Language) => a.id - b.id;
  return [...current.sort(byNumber), ...legacy.sort(byNumber)];
}

/** `GET /languages/:id`: the language with its source file and commands, as Judge0 shows them. */
export function judge0LanguageDetail(language: Judge0Language): Record<string, unknown> {
  const special = language.id in SPECIAL_LANGUAGE_NAMES;
  const spec = special ? undefined : languageRegistry.find(language.warmbox);
  return {
    id: language.id,
    name: language.name,
    is_archived: language.is_archived,
    source_file: spec?.defaultFile ?? null,
    compile_cmd: spec?.compile ? spec.compile.command.join(" ") : null,
    run_cmd: spec ? spec.run.command.join(" ") : null,
  };
}
