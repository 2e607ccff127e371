import { readdirSync } from "node:fs";
import { languageRegistry } from "../languages/registry.js";
import { type ImageRecipe, imageRecipe, languageRecipe } from "./image-recipe.js";
import { imagesRoot } from "./package-root.js";

/**
 * Every image tag this version of Warmbox builds: each language version's image (for its Debian
 * release) and the layers below it (shared toolchains, the runner bases), and every recipe folder
 * built for the default release. A `warmbox/` tag outside this set was made by another version.
 */
export function currentImageTags(): Set<string> {
  const recipes = [
    ...languageRegistry.all.map(languageRecipe),
    ...readdirSync(imagesRoot(), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => imageRecipe(entry.name)),
  ];
  const tags = new Set<string>();
  for (const recipe of recipes) {
    for (let layer: ImageRecipe | undefined = recipe; layer; layer = layer.parent) {
      tags.add(layer.tag);
    }
  }
  return tags;
}
