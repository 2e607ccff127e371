import { describe, expect, it } from "vitest";
import { languageVersion } from "./language-version.js";

describe("languageVersion", () => {
  it("takes a single-language image's report as it is", () => {
    expect(languageVersion("3.11.2", "python")).toBe("3.11.2");
  });

  it("picks the language's line from a shared image's report", () => {
    const report = "kotlin 1.3.31\nscala 2.11.12\nscala-native 0.4\n";
    expect(languageVersion(report, "scala")).toBe("2.11.12");
    expect(languageVersion(report, "kotlin")).toBe("1.3.31");
  });

  it("says unknown when a shared image has no line for the language", () => {
    expect(languageVersion("kotlin 1.3.31\nscala 2.11.12", "groovy")).toBe("unknown");
    expect(languageVersion("", "groovy")).toBe("unknown");
  });
});
