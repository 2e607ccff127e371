import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { imageRecipe, RUNNER_BASE_RECIPE } from "./image-recipe.js";

/** A throwaway images/ folder with a runner base and one language. */
function recipes(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "warmbox-recipes-"));
  for (const [path, content] of Object.entries({
    [`${RUNNER_BASE_RECIPE}/Dockerfile`]: "FROM debian",
    ...files,
  })) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

describe("imageRecipe", () => {
  it("tags an image with its language and a hash of its recipe", () => {
    const recipe = imageRecipe("python", recipes({ "python/Dockerfile": "RUN install python3" }));
    expect(recipe.tag).toMatch(/^warmbox\/python:[0-9a-f]{12}$/);
    expect(recipe.parent?.name).toBe(RUNNER_BASE_RECIPE);
  });

  it("keeps the tag when nothing changed, so an unchanged image is not rebuilt", () => {
    const a = imageRecipe("python", recipes({ "python/Dockerfile": "RUN install python3" }));
    const b = imageRecipe("python", recipes({ "python/Dockerfile": "RUN install python3" }));
    expect(a.tag).toBe(b.tag);
  });

  it("keeps the tag when running a recipe's Python script left its byte-code cache", () => {
    const files = { "python/Dockerfile": "RUN install python3", "python/check.py": "print(1)" };
    const clean = imageRecipe("python", recipes(files)).tag;
    const run = imageRecipe(
      "python",
      recipes({ ...files, "python/__pycache__/check.cpython-311.pyc": "bytes" }),
    ).tag;
    expect(run).toBe(clean);
  });

  it("changes the tag when the recipe, a helper file, its mode or the base changes", () => {
    const tagOf = (files: Record<string, string>, executable?: string) => {
      const root = recipes(files);
      if (executable) chmodSync(join(root, executable), 0o755);
      return imageRecipe("java", root).tag;
    };
    const base = tagOf({ "java/Dockerfile": "RUN a", "java/run": "x" });
    expect(tagOf({ "java/Dockerfile": "RUN b", "java/run": "x" })).not.toBe(base);
    expect(tagOf({ "java/Dockerfile": "RUN a", "java/run": "y" })).not.toBe(base);
    expect(tagOf({ "java/Dockerfile": "RUN a", "java/run": "x" }, "java/run")).not.toBe(base);
    expect(
      tagOf({
        "java/Dockerfile": "RUN a",
        "java/run": "x",
        [`${RUNNER_BASE_RECIPE}/Dockerfile`]: "FROM other",
      }),
    ).not.toBe(base);
  });

  it("builds on the recipe its Dockerfile names: a shared layer, or another Debian release", () => {
    const root = recipes({
      "gcc/Dockerfile": "ARG RUNNER_BASE=warmbox/runner-base\nRUN install gcc",
      "c/Dockerfile": "ARG RUNNER_BASE=warmbox/gcc\nRUN gcc --version",
      "pinned/Dockerfile": "ARG RUNNER_BASE=warmbox/runner-base:trixie\nRUN true",
    });
    const c = imageRecipe("c", root);
    expect(c.parent?.name).toBe("gcc");
    expect(c.parent?.parent?.name).toBe(RUNNER_BASE_RECIPE);
    expect(c.label).toBe("c");

    const newer = imageRecipe("c", root, "trixie");
    expect(newer.tag).not.toBe(c.tag);
    expect(newer.label).toBe("c:trixie");
    expect(newer.parent?.parent?.suite).toBe("trixie");
    expect(imageRecipe(RUNNER_BASE_RECIPE, root, "trixie").tag).not.toBe(
      imageRecipe(RUNNER_BASE_RECIPE, root).tag,
    );
    expect(imageRecipe("pinned", root).suite).toBe("trixie");
  });
});
