import { describe, expect, it } from "vitest";
import { RECIPE_HASH_LABEL, RECIPE_LABEL } from "./image-recipe.js";
import { staleImageTags, type TaggedImage } from "./stale-image-tags.js";

/** An image `images build` made from a recipe, with its tag and any extra names. */
function built(id: string, recipe: string, hash: string, ...otherTags: string[]): TaggedImage {
  return {
    id,
    tags: [`warmbox/${recipe}:${hash}`, ...otherTags],
    labels: { [RECIPE_LABEL]: recipe, [RECIPE_HASH_LABEL]: hash },
  };
}

const options = {
  current: new Set(["warmbox/python:new", "warmbox/runner-base:new"]),
  repositoryPrefix: "warmbox/",
};

describe("staleImageTags", () => {
  it("lists the recipe-made tags no current recipe produces, and keeps the current ones", () => {
    const images = [
      built("py-old", "python", "old"),
      built("py-new", "python", "new"),
      built("base-old", "runner-base", "old"),
    ];
    expect(staleImageTags(images, [], options)).toEqual([
      { tag: "warmbox/python:old", imageId: "py-old", deletesImage: true, usedBy: [] },
      { tag: "warmbox/runner-base:old", imageId: "base-old", deletesImage: true, usedBy: [] },
    ]);
  });

  it("only untags a stale name when another name keeps the image", () => {
    // The labels are the build's own, so an image has one recipe-made name; others are given
    // by hand or by a registry (the ECS instances pull from ECR, then add the warmbox/ name).
    const images = [
      built("py-old", "python", "old", "registry.example/warmbox/python:old"),
      built("pinned", "runner-base", "old", "warmbox/runner-base:pinned"),
    ];
    expect(staleImageTags(images, [{ name: "judge-1", imageId: "pinned" }], options)).toEqual([
      { tag: "warmbox/python:old", imageId: "py-old", deletesImage: false, usedBy: [] },
      { tag: "warmbox/runner-base:old", imageId: "pinned", deletesImage: false, usedBy: [] },
    ]);
  });

  it("names the containers using an image that would go with its tags", () => {
    const users = [
      { name: "judge-1", imageId: "py-old" },
      { name: "other", imageId: "elsewhere" },
    ];
    expect(staleImageTags([built("py-old", "python", "old")], users, options)).toMatchObject([
      { tag: "warmbox/python:old", usedBy: ["judge-1"] },
    ]);
  });

  it("never lists images that are not recipe-made or not under the prefix", () => {
    const images: TaggedImage[] = [
      // The bootstrapped Debian base and the server's image carry no recipe labels.
      { id: "debian", tags: ["warmbox/debian-base:bookworm"], labels: {} },
      { id: "server", tags: ["warmbox/server:latest"], labels: {} },
      // Built FROM a runner image: it inherits the labels, but its name is not the recipe's.
      { ...built("custom", "python", "old"), tags: ["warmbox/my-python:1"] },
      { ...built("elsewhere", "python", "old"), tags: ["python:old"] },
      { id: "dangling", tags: [], labels: {} },
    ];
    expect(staleImageTags(images, [], options)).toEqual([]);
    expect(
      staleImageTags([built("py-old", "python", "old")], [], {
        ...options,
        repositoryPrefix: "warmbox/prune-test-",
      }),
    ).toEqual([]);
  });
});
