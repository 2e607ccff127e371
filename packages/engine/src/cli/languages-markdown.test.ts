import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { enginePackageRoot } from "../images/package-root.js";
import { languageRegistry } from "../languages/registry.js";
import {
  languagesMarkdown,
  README_LANGUAGES_END,
  README_LANGUAGES_START,
} from "./languages-markdown.js";

describe("the README's languages", () => {
  it("are the registry's: run scripts/update-readme-languages after changing a language", () => {
    const readme = readFileSync(join(enginePackageRoot(), "..", "..", "README.md"), "utf8");
    const start = readme.indexOf(README_LANGUAGES_START);
    const end = readme.indexOf(README_LANGUAGES_END);
    expect(start, "the README's start marker").toBeGreaterThanOrEqual(0);
    expect(end, "the README's end marker").toBeGreaterThan(start);
    expect(readme.slice(start, end + README_LANGUAGES_END.length)).toBe(
      languagesMarkdown(languageRegistry),
    );
  });

  it("list every version of a language, the default first", () => {
    const markdown = languagesMarkdown(languageRegistry);
    expect(markdown).toMatch(
      /\| Python +\| `python` +\| `py`, `python3`, `py3` +\| \*\*3\.13\*\* \(trixie\), 3\.11 \(bookworm\) +\|/,
    );
    expect(markdown).toMatch(/\| Ruby +\| `ruby` +\| `rb` +\| Debian bookworm's +\|/);
    expect(markdown).toMatch(
      /\| TypeScript +\| `typescript` +\| .* \| \*\*7\.0\*\* \(npm\), 4\.8 \(bookworm\) +\|/,
    );
    expect(markdown).toMatch(/\| TypeScript \(Bun\) +\| `bun` +\| `bunjs` +\| npm's +\|/);
  });
});
