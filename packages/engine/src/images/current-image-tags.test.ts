import { describe, expect, it } from "vitest";
import { languageRegistry } from "../languages/registry.js";
import { currentImageTags } from "./current-image-tags.js";
import {
  type ImageRecipe,
  imageRecipe,
  languageRecipe,
  RUNNER_BASE_RECIPE,
} from "./image-recipe.js";

describe("currentImageTags", () => {
  const tags = currentImageTags();

  it("holds every language version's image and the layers below it", () => {
    for (const spec of languageRegistry.all) {
      let recipe: ImageRecipe | undefined = languageRecipe(spec);
      for (; recipe; recipe = recipe.parent) expect(tags).toContain(recipe.tag);
    }
    // The runner bases of both Debian releases the languages use.
    expect(tags).toContain(imageRecipe(RUNNER_BASE_RECIPE).tag);
    expect(tags).toContain(imageRecipe(RUNNER_BASE_RECIPE, undefined, "trixie").tag);
  });

  it("holds only recipe-hashed warmbox/ tags", () => {
    for (const tag of tags) expect(tag).toMatch(/^warmbox\/[a-z0-9-]+:[0-9a-f]{12}$/);
  });
});
