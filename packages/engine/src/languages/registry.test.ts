import { describe, expect, it } from "vitest";
import type { LanguageSpecInput } from "./language-spec.js";
import { languageKey } from "./language-spec.js";
import { LanguageRegistry, languageRegistry } from "./registry.js";

const base: LanguageSpecInput = {
  id: "lang",
  name: "Lang",
  aliases: ["l"],
  image: "lang",
  defaultFile: "main.l",
  run: { command: ["lang", "{entry}"] },
  starter: "hello",
  highlight: null,
};

describe("LanguageRegistry", () => {
  it("keeps a language's versions newest first; the newest is the default", () => {
    const registry = new LanguageRegistry([
      { ...base, version: "9" },
      { ...base, version: "10", suite: "trixie" },
      { ...base, version: "9.2" },
    ]);
    expect(registry.versionsOf("L").map(languageKey)).toEqual(["lang@10", "lang@9.2", "lang@9"]);
    expect(registry.find("lang")?.version).toBe("10");
    expect(registry.byKey("lang@9.2")?.version).toBe("9.2");
  });

  it("selects versions as configurations name them", () => {
    const registry = new LanguageRegistry([
      { ...base, version: "9" },
      { ...base, version: "10" },
    ]);
    const versions = (selector: string) => registry.select(selector).map((spec) => spec.version);
    expect(versions("lang")).toEqual(["10"]);
    expect(versions("l@*")).toEqual(["10", "9"]);
    expect(versions("lang@9")).toEqual(["9"]);
    expect(versions("lang@9.1.3")).toEqual(["9"]);
    expect(versions("lang@>=9")).toEqual(["10", "9"]);
    expect(versions("lang@11")).toEqual([]);
    expect(versions("other")).toEqual([]);
  });

  it("refuses versions that can't be told apart, and a name meaning two languages", () => {
    expect(() => new LanguageRegistry([base, { ...base, version: "2" }])).toThrow(
      /each must name its version/,
    );
    expect(
      () =>
        new LanguageRegistry([
          { ...base, version: "2" },
          { ...base, version: "2" },
        ]),
    ).toThrow(/two specs of one version/);
    expect(() => new LanguageRegistry([base, { ...base, id: "other" }])).toThrow(
      /'l' names both lang and other/,
    );
  });

  it("serves Python, Java, Node.js and GCC at two versions each", () => {
    const versions = (id: string) => languageRegistry.versionsOf(id).map((spec) => spec.version);
    expect(versions("python")).toEqual(["3.13", "3.11"]);
    expect(versions("java")).toEqual(["21", "17"]);
    expect(versions("javascript")).toEqual(["20", "18"]);
    expect(versions("c")).toEqual(["14", "12"]);
    expect(versions("cpp")).toEqual(["14", "12"]);
  });
});
