import { describe, expect, it } from "vitest";
import { fieldIssues } from "../validation/field-issues.js";
import { executeRequestSchema, fileNameProblem } from "./execute-request.js";

describe("fileNameProblem", () => {
  it.each([
    ["main.py", null],
    ["lib/util.py", null],
    ["-rf.py", null],
    ["", "is empty"],
    ["/etc/passwd", "is an absolute path; give a path relative to the work directory"],
    ["../x", "has a '..' segment"],
    ["a/../../x", "has a '..' segment"],
    ["a//b", "has an empty path segment"],
    ["a/", "has an empty path segment"],
    ["./a", "has a '.' segment"],
    ["a\0b", "contains a NUL byte"],
    ["a\\b", "contains a backslash; use / between directories"],
    ["x".repeat(256), "has a segment longer than 255 bytes"],
  ])("%j → %j", (name, problem) => {
    expect(fileNameProblem(name)).toBe(problem);
  });
});

describe("executeRequestSchema", () => {
  it("accepts the example of docs/api.md", () => {
    const parsed = executeRequestSchema.parse({
      language: "python",
      version: "3",
      files: [{ name: "main.py", content: "print(input())", encoding: "utf8" }],
      stdin: "hello\n",
      args: ["--flag"],
      limits: { timeMs: 5000, memoryMb: 256, network: false },
    });
    expect(parsed.files?.[0]?.encoding).toBe("utf8");
  });

  it.each([
    [{ language: "python" }, "files"],
    [{ language: "python", source: "x", files: [{ name: "a", content: "" }] }, "source"],
    [{ language: "python", files: [] }, "files"],
    [{ language: "python", source: 42 }, "source"],
    [{ language: "python", source: "", limits: { timeMs: -1 } }, "limits.timeMs"],
    [{ language: "python", source: "", limits: { bogus: 1 } }, "limits"],
    [{ language: "python", source: "", args: ["a\0b"] }, "args[0]"],
    [
      {
        language: "python",
        files: [
          { name: "a", content: "" },
          { name: "a", content: "" },
        ],
      },
      "files[1].name",
    ],
    [
      { language: "python", files: [{ name: "a", content: "!!", encoding: "base64" }] },
      "files[0].content",
    ],
    [{ language: "python", source: "", extra: true }, "(request)"],
  ])("rejects %j naming %s", (request, path) => {
    const result = executeRequestSchema.safeParse(request);
    if (result.success) throw new Error("the request was accepted");
    const paths = fieldIssues(result.error, "(request)").map((issue) => issue.path);
    expect(paths).toContain(path);
  });
});
