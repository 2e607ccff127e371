import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pairTestFiles, readTestDirectory } from "./test-directory.js";

describe("pairTestFiles", () => {
  it("pairs NAME.in with NAME.out, .ans or .a, in natural order, leaving other files out", () => {
    expect(
      pairTestFiles(["10.in", "10.out", "2.in", "2.ans", "sample.in", "sample.a", "README.md"]),
    ).toEqual({
      pairs: [
        { name: "2", input: "2.in", answer: "2.ans" },
        { name: "10", input: "10.in", answer: "10.out" },
        { name: "sample", input: "sample.in", answer: "sample.a" },
      ],
      problems: [],
    });
  });

  it("names every file without a pair, and an input with two answers", () => {
    expect(pairTestFiles(["1.in", "1.out", "3.in", "7.out", "8.in", "8.out", "8.ans"])).toEqual({
      pairs: [{ name: "1", input: "1.in", answer: "1.out" }],
      problems: [
        "3.in: no 3.out, 3.ans or 3.a",
        "7.out: no 7.in",
        "8.in: more than one expected output (8.out, 8.ans)",
      ],
    });
  });

  it("does not take a bare extension for a test", () => {
    expect(pairTestFiles([".in", ".out"])).toEqual({ pairs: [], problems: [] });
  });
});

describe("readTestDirectory", () => {
  const folder = (files: Record<string, string>) => {
    const directory = mkdtempSync(join(tmpdir(), "warmbox-tests-"));
    for (const [name, content] of Object.entries(files))
      writeFileSync(join(directory, name), content);
    return directory;
  };

  it("reads each pair as a test with its stdin and expected output; subfolders are not tests", async () => {
    const directory = folder({ "1.in": "1 2\n", "1.out": "3\n", "2.in": "", "2.ans": "0\n" });
    mkdirSync(join(directory, "3.in"));
    await expect(readTestDirectory(directory)).resolves.toEqual([
      { name: "1", stdin: "1 2\n", expected: "3\n" },
      { name: "2", stdin: "", expected: "0\n" },
    ]);
  });

  it("refuses a folder with unpaired files, listing them", async () => {
    const directory = folder({ "1.in": "", "1.out": "", "2.in": "", "3.out": "" });
    await expect(readTestDirectory(directory)).rejects.toThrow(
      `${directory}: 2 files without a pair:\n  2.in: no 2.out, 2.ans or 2.a\n  3.out: no 3.in`,
    );
  });

  it("refuses a folder without tests, and one that does not exist", async () => {
    await expect(readTestDirectory(folder({ "notes.txt": "" }))).rejects.toThrow(
      /no tests \(NAME\.in with NAME\.out, NAME\.ans or NAME\.a\)/,
    );
    await expect(readTestDirectory("/nonexistent/tests")).rejects.toThrow(
      "cannot read the test folder '/nonexistent/tests': ENOENT",
    );
  });
});
