import { languageRegistry } from "@warmbox/engine";
import { describe, expect, it } from "vitest";
import {
  findJudge0Language,
  JUDGE0_LANGUAGE_IDS,
  SPECIAL_LANGUAGE_NAMES,
  WARMBOX_ONLY_FIRST_ID,
} from "./judge0-language-ids.js";

/** The highest id Judge0 CE 1.13.1 gives a language (96, JavaFX). */
const JUDGE0_CE_LAST_ID = 96;

describe("Judge0 language ids", () => {
  it("give every Warmbox language an id, so a Judge0 client can reach each of them", () => {
    const languages = new Set(languageRegistry.all.map((spec) => spec.id));
    const mapped = new Set(JUDGE0_LANGUAGE_IDS.map((entry) => entry.language));
    expect([...languages].filter((language) => !mapped.has(language))).toEqual([]);
    expect([...mapped].filter((language) => !languages.has(language))).toEqual([]);
  });

  it("are unique: no id (current or legacy) names two languages, none a special language's", () => {
    const ids = JUDGE0_LANGUAGE_IDS.flatMap((entry) => [entry.id, ...(entry.legacyIds ?? [])]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const special of Object.keys(SPECIAL_LANGUAGE_NAMES))
      expect(findJudge0Language(Number(special))).toBeUndefined();
    expect(new Set(JUDGE0_LANGUAGE_IDS.map((entry) => entry.language)).size).toBe(
      JUDGE0_LANGUAGE_IDS.length,
    );
  });

  it("keep Judge0's ids for the languages both have, and Warmbox's own above Judge0's range", () => {
    // From Judge0 CE 1.13.1's language list.
    const judge0 = {
      45: "assembly",
      46: "bash",
      50: "c",
      51: "csharp",
      54: "cpp",
      55: "commonlisp",
      60: "go",
      62: "java",
      63: "javascript",
      68: "php",
      69: "gprolog",
      71: "python",
      72: "ruby",
      73: "rust",
      74: "typescript",
      78: "kotlin",
      82: "sqlite",
    };
    for (const [id, language] of Object.entries(judge0))
      expect(findJudge0Language(Number(id))?.entry.language).toBe(language);
    for (const entry of JUDGE0_LANGUAGE_IDS) {
      const judge0Range = entry.id <= JUDGE0_CE_LAST_ID;
      expect(judge0Range || entry.id >= WARMBOX_ONLY_FIRST_ID, entry.language).toBe(true);
    }
    // An older id of a language still runs it (Java 17's 91 runs today's Java).
    expect(findJudge0Language(91)).toMatchObject({ entry: { language: "java" }, legacy: true });
  });
});
