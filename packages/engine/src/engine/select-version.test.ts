import { describe, expect, it } from "vitest";
import { UnknownLanguageError } from "../errors/engine-errors.js";
import { languageRegistry } from "../languages/registry.js";
import { selectServedVersion } from "./select-version.js";

/** Python at 3.13 and 3.11 (both images reported their versions), Ruby at its one version. */
const REPORTED = new Map([
  ["python@3.13", "3.13.5"],
  ["python@3.11", "3.11.2"],
  ["ruby", "3.1.2"],
]);
const served = new Set(REPORTED.keys());
const select = (language: string, version?: string, reported = REPORTED) =>
  selectServedVersion(languageRegistry, language, version, served, (key) => reported.get(key));

describe("selectServedVersion", () => {
  it("gives the newest served version when the request names none", () => {
    for (const version of [undefined, "", "*"]) {
      expect(select("py", version).version, String(version)).toBe("3.13");
    }
    expect(select("ruby").id).toBe("ruby");
  });

  it("selects by exact version or semver range, against what each image reported", () => {
    expect(select("python", "3.11.2").version).toBe("3.11");
    expect(select("python", "3.11").version).toBe("3.11");
    expect(select("python", "~3.11.0").version).toBe("3.11");
    expect(select("python", "3.x").version).toBe("3.13");
    expect(select("python", "<3.12").version).toBe("3.11");
    expect(select("python", "3.13.5").version).toBe("3.13");
    expect(select("ruby", "3.x").id).toBe("ruby");
  });

  it("selects by the specs' version lines before the images reported", () => {
    expect(select("python", "3.11.2", new Map()).version).toBe("3.11");
    expect(select("python", "3", new Map()).version).toBe("3.13");
  });

  it("serves only what is served: a version not built is not selected", () => {
    const onlyOld = new Set(["python@3.11"]);
    const spec = selectServedVersion(
      languageRegistry,
      "python",
      undefined,
      onlyOld,
      () => "3.11.2",
    );
    expect(spec.version).toBe("3.11");
  });

  it("refuses an unknown version with a typed error naming the language and its versions", () => {
    let error: unknown;
    try {
      select("python", "2.7");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UnknownLanguageError);
    expect((error as UnknownLanguageError).message).toBe(
      "python 2.7 is not available; this server has python 3.13.5, 3.11.2",
    );
    expect((error as UnknownLanguageError).available).toEqual(["python"]);
    expect(() => select("python", "not a version")).toThrow(UnknownLanguageError);
    expect(() => select("cobol-99")).toThrow(
      /unknown language 'cobol-99'; available: python, ruby/,
    );
  });
});
