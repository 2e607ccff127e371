import { describe, expect, it } from "vitest";
import { executeRequestSchema, MAX_FILES } from "./execute-request.js";
import { FileTree } from "./file-tree.js";

describe("FileTree.fileAbove", () => {
  it("names the file another path runs through, at any depth", () => {
    const deep = `${"a/".repeat(400)}f`;
    const tree = new FileTree(["lib", "lib/x.py", "lib-x/y.py", deep, `${deep}/g`]);
    expect(tree.fileAbove("lib/x.py")).toBe("lib");
    expect(tree.fileAbove(`${deep}/g`)).toBe(deep);
    expect(tree.fileAbove("lib-x/y.py")).toBeUndefined();
    expect(tree.fileAbove("lib")).toBeUndefined();
    expect(tree.fileAbove(deep)).toBeUndefined();
  });

  it("keeps names like __proto__ as plain segments", () => {
    const tree = new FileTree(["__proto__", "__proto__/x", "constructor/y"]);
    expect(tree.fileAbove("__proto__/x")).toBe("__proto__");
    expect(tree.fileAbove("constructor/y")).toBeUndefined();
  });

  it("lets a request of the most files with deep paths through (one walk per name)", () => {
    const files = Array.from({ length: MAX_FILES }, (_, index) => ({
      name: `${"a/".repeat(500)}f${index}`,
      content: "",
    }));
    expect(executeRequestSchema.safeParse({ language: "python", files }).success).toBe(true);
  });
});
