import type { LanguageSpec } from "../languages/language-spec.js";
import type { LanguageRegistry } from "../languages/registry.js";

/** The README's generated part lies between these lines (scripts/update-readme-languages). */
export const README_LANGUAGES_START = "<!-- languages:start (generated from the registry) -->";
export const README_LANGUAGES_END = "<!-- languages:end -->";

/** Where a spec's toolchain comes from: its origin, or its image's Debian release. */
const originOf = (spec: LanguageSpec) => spec.origin ?? `Debian ${spec.suite}`;

/**
 * A language's versions, newest (the default, in bold when there are several) first, each with
 * where its toolchain comes from (a Debian release, npm); a language of one unnamed version is
 * that origin's.
 */
function versionsOf(versions: readonly LanguageSpec[]): string {
  const [only] = versions;
  if (versions.length === 1 && only?.version === undefined)
    return `${only ? originOf(only) : ""}'s`;
  return versions
    .map((spec, index) => {
      const version = index === 0 && versions.length > 1 ? `**${spec.version}**` : spec.version;
      return `${version} (${spec.origin ?? spec.suite})`;
    })
    .join(", ");
}

/**
 * The README's language list and table of versions, as markdown, from the registry: what
 * `warmbox languages --markdown` prints and what the README holds between its markers.
 */
export function languagesMarkdown(registry: LanguageRegistry): string {
  const languages = [...new Set(registry.all.map((spec) => spec.id))].map((id) =>
    registry.versionsOf(id),
  );
  const names = languages.map((versions) => versions[0]?.name ?? "");
  const rows = languages.flatMap((versions) => {
    const first = versions[0];
    if (!first) return [];
    const aliases = first.aliases.map((alias) => `\`${alias}\``).join(", ");
    return [[first.name, `\`${first.id}\``, aliases, versionsOf(versions)]];
  });
  const header = [
    "Language",
    "`language`",
    "Aliases",
    "Versions (`version`; the newest, in bold, is the default)",
  ];
  return [
    README_LANGUAGES_START,
    `${names.join(", ")}: ${languages.length} languages.`,
    "",
    ...alignedTable(header, rows),
    README_LANGUAGES_END,
  ].join("\n");
}

/** A markdown table with its columns padded to one width, as the repository's formatter keeps them. */
function alignedTable(header: string[], rows: string[][]): string[] {
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(" | ")} |`;
  return [line(header), line(widths.map((width) => "-".repeat(width))), ...rows.map(line)];
}
