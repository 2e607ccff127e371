import { expect, it } from "vitest";
import type { LanguageEntry } from "./api-types.js";
import { oneEntryPerLanguage } from "./language-select.js";

const entry = (id: string, version: string | null, isDefault: boolean): LanguageEntry =>
  ({ id, name: id, version, default: isDefault }) as LanguageEntry;

it("keeps one entry per language: the default version, else the first listed, in the server's order", () => {
  const python313 = entry("python", "3.13.5", true);
  const python311 = entry("python", "3.11.2", false);
  const go = entry("go", "1.19", false);
  const c12 = entry("c", "12", false);
  const c14 = entry("c", "14", true);
  const buildingJava = entry("java", null, false);
  const buildingJava17 = entry("java", null, false);
  expect(
    oneEntryPerLanguage([python311, python313, go, c12, c14, buildingJava, buildingJava17]),
  ).toEqual([python313, go, c14, buildingJava]);
});
