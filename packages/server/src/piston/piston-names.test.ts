import { languageRegistry } from "@warmbox/engine";
import { describe, expect, it } from "vitest";
import { findPistonRuntime, pistonLanguageName, toPistonRuntime } from "./piston-names.js";

describe("Piston's names", () => {
  // One entry per language: its versions share its names.
  const languages = languageRegistry.all
    .filter((spec) => languageRegistry.find(spec.id) === spec)
    .map(({ id, aliases }) => ({ id, aliases, version: "1.0.0" }));
  const runtimes = languages.map(toPistonRuntime);

  it("lists languages under Piston's names, our id among the aliases", () => {
    expect(runtimes.find((runtime) => runtime.language === "c++")?.aliases).toEqual(
      expect.arrayContaining(["cpp", "g++", "cxx"]),
    );
    expect(pistonLanguageName("sqlite")).toBe("sqlite3");
    expect(pistonLanguageName("r")).toBe("rscript");
    expect(pistonLanguageName("commonlisp")).toBe("lisp");
    expect(pistonLanguageName("python")).toBe("python");
  });

  it("never lets one name or alias mean two languages", () => {
    const seen = new Map<string, string>();
    for (const runtime of runtimes) {
      for (const name of [runtime.language, ...runtime.aliases]) {
        expect(seen.get(name.toLowerCase()), `${name} of ${runtime.language}`).toBeUndefined();
        seen.set(name.toLowerCase(), runtime.language);
      }
      expect(runtime.aliases).not.toContain(runtime.language);
    }
  });

  it("finds a language by Piston's name, our id or an alias", () => {
    for (const name of ["c++", "CPP", "g++", "cxx"]) {
      expect(findPistonRuntime(languages, name, "*")?.id, name).toBe("cpp");
    }
    expect(findPistonRuntime(languages, "rscript", "*")?.id).toBe("r");
    expect(findPistonRuntime(languages, "klingon", "*")).toBeUndefined();
  });

  it("finds each version of a language as its own runtime, the first listed for *", () => {
    const versions = [
      { id: "python", aliases: ["py"], version: "3.13.5" },
      { id: "python", aliases: ["py"], version: "3.11.2" },
    ];
    expect(findPistonRuntime(versions, "py", "*")?.version).toBe("3.13.5");
    expect(findPistonRuntime(versions, "python", "3.11.2")?.version).toBe("3.11.2");
    expect(findPistonRuntime(versions, "python", "3.x")?.version).toBe("3.13.5");
    expect(findPistonRuntime(versions, "python", "~3.11")?.version).toBe("3.11.2");
    expect(findPistonRuntime(versions, "python", "2.x")).toBeUndefined();
  });
});
