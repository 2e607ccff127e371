import semver from "semver";
import type { LanguageSpec } from "./language-spec.js";

/**
 * Whether a version answers to a wanted one, as Piston matches them: "*", the exact version
 * ("3.11.2"), or any semver range ("3.x", "3.11", "^3.10", ">=12"). Versions that are not full
 * semver ("2012", "5.4", "17.0.13+11") are compared in their coerced form.
 */
export function versionSatisfies(version: string, wanted: string): boolean {
  const trimmed = wanted.trim();
  if (trimmed === version) return true;
  const coerced = semver.coerce(version);
  const range = semver.validRange(trimmed);
  return coerced !== null && range !== null && semver.satisfies(coerced, range);
}

/**
 * Whether one version of a language answers to a request's `version` (absent or "*": any).
 * Checked against the exact version its image reports when that is known, and before against
 * the spec's version line ("3.11", which "3.x" and "3.11.2" both meet); a language of one
 * unnamed version whose image has not reported yet answers to anything, as nothing tells
 * otherwise.
 */
export function versionMatches(
  spec: Pick<LanguageSpec, "version">,
  wanted: string | undefined,
  exact?: string,
): boolean {
  if (wanted === undefined || wanted.trim() === "" || wanted.trim() === "*") return true;
  if (exact !== undefined && exact !== "unknown") return versionSatisfies(exact, wanted);
  if (spec.version === undefined) return true;
  const line = semver.validRange(spec.version);
  const range = semver.validRange(wanted.trim());
  return line !== null && range !== null && semver.intersects(line, range);
}
