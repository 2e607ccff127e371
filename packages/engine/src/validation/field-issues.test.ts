import { describe, expect, it } from "vitest";
import { z } from "zod";
import { EngineError } from "../errors/engine-errors.js";
import { executeRequestSchema } from "../request/execute-request.js";
import { fieldIssues, fieldPath, parseOrThrow } from "./field-issues.js";

describe("fieldPath", () => {
  it.each([
    [["files", 0, "name"], "files[0].name"],
    [["limits", "timeMs"], "limits.timeMs"],
    [["args", 2], "args[2]"],
    [[0, "name"], "[0].name"],
    [[], "(request)"],
  ])("%j → %s", (path, expected) => {
    expect(fieldPath(path, "(request)")).toBe(expected);
  });
});

describe("fieldIssues", () => {
  it("names each field of an execute request the way HTTP callers read it", () => {
    const parsed = executeRequestSchema.safeParse({
      language: "python",
      files: [{ name: "../x.py", content: "" }],
      stdin: 5,
      shell: "bash",
    });
    expect(parsed.success).toBe(false);
    const paths = fieldIssues(parsed.error as z.ZodError, "(request)").map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(["files[0].name", "stdin", "(request)"]));
  });
});

describe("parseOrThrow", () => {
  const schema = z.object({ a: z.number(), b: z.array(z.string()) }).strict();

  it("returns what the schema parsed", () => {
    expect(parseOrThrow(schema, { a: 1, b: ["x"] }, "thing")).toEqual({ a: 1, b: ["x"] });
  });

  it("throws invalid_request naming every field, and the first three in its message", () => {
    let caught: unknown;
    try {
      parseOrThrow(schema, { a: "1", b: [1, 2, 3], c: true }, "thing");
    } catch (error) {
      caught = error;
    }
    expect(EngineError.isInstance(caught) && caught.code).toBe("invalid_request");
    const error = caught as EngineError;
    const paths = (error.details as Array<{ path: string }>).map((issue) => issue.path);
    expect(paths).toEqual(["a", "b[0]", "b[1]", "b[2]", "(thing)"]);
    expect(error.message).toMatch(/^invalid thing: a: .+; b\[0\]: .+; b\[1\]: .+ \(and 2 more\)$/);
  });
});
