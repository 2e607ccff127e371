import { describe, expect, it } from "vitest";
import { firstDifference } from "./output-diff.js";

/** True when `text` has a UTF-16 surrogate without its other half (not valid Unicode text). */
const hasLoneSurrogate = (text: string) =>
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

describe("a cut diff line", () => {
  it("never splits a character made of two UTF-16 units", () => {
    // 😀 and 😃 share their first unit: the first difference is in the middle of a character,
    // and the cut 40 units before it lands in the middle of another.
    const expected = "😀".repeat(300);
    const actual = `${"😀".repeat(150)}😃${"😀".repeat(149)}`;
    const diff = firstDifference("exact", expected, actual);
    expect(diff).toBeDefined();
    expect(hasLoneSurrogate(diff?.expected ?? "")).toBe(false);
    expect(hasLoneSurrogate(diff?.actual ?? "")).toBe(false);
  });
});
