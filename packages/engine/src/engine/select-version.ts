import { UnknownLanguageError } from "../errors/engine-errors.js";
import { type LanguageSpec, languageKey } from "../languages/language-spec.js";
import type { LanguageRegistry } from "../languages/registry.js";
import { versionMatches } from "../languages/version-match.js";

/**
 * The served version of a language a request selects: by its `version` (exact, or a semver
 * range such as "3.x"; see versionMatches), or the newest served when it names none. Throws
 * UnknownLanguageError naming the language and the versions served when none answers.
 */
export function selectServedVersion(
  registry: LanguageRegistry,
  language: string,
  wanted: string | undefined,
  served: ReadonlySet<string>,
  exactVersionOf: (key: string) => string | undefined,
): LanguageSpec {
  const versions = registry.versionsOf(language).filter((spec) => served.has(languageKey(spec)));
  const first = versions[0];
  if (first === undefined) {
    const available = [...new Set(servedSpecs(registry, served).map((spec) => spec.id))].sort();
    throw new UnknownLanguageError(
      `unknown language '${language}'; available: ${available.join(", ")}`,
      available,
    );
  }
  const selected = versions.find((spec) =>
    versionMatches(spec, wanted, exactVersionOf(languageKey(spec))),
  );
  if (selected === undefined) {
    const have = versions.map((spec) => exactVersionOf(languageKey(spec)) ?? spec.version);
    throw new UnknownLanguageError(
      `${first.id} ${wanted} is not available; this server has ${first.id} ${have.join(", ")}`,
      [first.id],
    );
  }
  return selected;
}

function servedSpecs(registry: LanguageRegistry, served: ReadonlySet<string>): LanguageSpec[] {
  return registry.all.filter((spec) => served.has(languageKey(spec)));
}
