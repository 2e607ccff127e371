import { describe, expect, it } from "vitest";
import { versionMatches, versionSatisfies } from "./version-match.js";

describe("versionSatisfies", () => {
  it("matches the selectors Piston clients send", () => {
    for (const selector of [
      "*",
      "12.2.0",
      "12",
      "12.x",
      "12.2",
      "^12.1",
      "~12.2.0",
      "v12.2.0",
      ">=12 <13",
      "11.x || 12.x",
    ]) {
      expect(versionSatisfies("12.2.0", selector), selector).toBe(true);
    }
    for (const selector of ["11", "12.3", "1", "^13", "12.2.01", "<12", "not a version"]) {
      expect(versionSatisfies("12.2.0", selector), selector).toBe(false);
    }
  });

  it("compares versions that are not full semver in their coerced form", () => {
    expect(versionSatisfies("2012", "2012")).toBe(true);
    expect(versionSatisfies("5.4", "5.x")).toBe(true);
    expect(versionSatisfies("5.4", "^5.5")).toBe(false);
    expect(versionSatisfies("21.0.13", "21")).toBe(true);
  });
});

describe("versionMatches", () => {
  it("takes any version when the request names none", () => {
    for (const wanted of [undefined, "", "*", " * "]) {
      expect(versionMatches({ version: "3.11" }, wanted, "3.11.2"), String(wanted)).toBe(true);
    }
  });

  it("checks the exact version once the image reported it", () => {
    expect(versionMatches({ version: "3.11" }, "3.11.2", "3.11.2")).toBe(true);
    expect(versionMatches({ version: "3.11" }, "3.x", "3.11.2")).toBe(true);
    expect(versionMatches({ version: "3.11" }, "3.11.9", "3.11.2")).toBe(false);
    expect(versionMatches({ version: "3.11" }, "3.13", "3.11.2")).toBe(false);
  });

  it("checks the spec's version line before the image reported", () => {
    expect(versionMatches({ version: "3.11" }, "3.11.2")).toBe(true);
    expect(versionMatches({ version: "3.11" }, "3")).toBe(true);
    expect(versionMatches({ version: "3.11" }, ">=3.12")).toBe(false);
    expect(versionMatches({ version: "17" }, "21")).toBe(false);
    expect(versionMatches({ version: "17" }, "not a version")).toBe(false);
  });

  it("can't refuse a one-version language whose image has not reported", () => {
    expect(versionMatches({ version: undefined }, "9.9")).toBe(true);
    expect(versionMatches({ version: undefined }, "9.9", "1.2.3")).toBe(false);
  });
});
