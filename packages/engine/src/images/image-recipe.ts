import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { imagesRoot } from "./package-root.js";

/** The image every language image is built FROM: the Debian base + the supervisor + the sandbox user. */
export const RUNNER_BASE_RECIPE = "runner-base";
/** Repository prefix of every image Warmbox builds. */
export const IMAGE_REPOSITORY_PREFIX = "warmbox/";
/** Label naming the recipe folder an image was built from, and the content hash of it. */
export const RECIPE_LABEL = "dev.warmbox.recipe";
export const RECIPE_HASH_LABEL = "dev.warmbox.recipe-hash";

/**
 * Appended to every recipe's Dockerfile when it is built, so it is the last step of every runner
 * image: no file keeps a setuid or setgid bit, whatever a package installed. (no-new-privileges
 * already makes such bits inert in a sandbox; this removes them outright.) Part of every recipe's
 * hash, so changing it rebuilds every image.
 */
export const FINAL_DOCKERFILE_STEP = [
  "",
  "# Added by the Warmbox image build to every runner image.",
  "USER root",
  "RUN find / -xdev -type f -perm /6000 -exec chmod ug-s {} +",
  "USER sandbox",
  "",
].join("\n");

/** One image recipe: a folder with a Dockerfile, and the tag its content decides. */
export interface ImageRecipe {
  name: string;
  dir: string;
  /** Hash of every file of the recipe and of the recipe it is built on. */
  hash: string;
  /** e.g. warmbox/python:1a2b3c4d5e6f — changes exactly when the recipe changes. */
  tag: string;
  /** The recipe it is built FROM, if it is one of ours. */
  parent: ImageRecipe | undefined;
}

function filesBelow(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((entry) => {
      const path = join(dir, entry);
      return statSync(path).isDirectory() ? filesBelow(path) : [path];
    })
    .sort();
}

/** The recipe folder's files as [relative path, absolute path], sorted, for hashing and the build context. */
export function recipeFiles(recipe: Pick<ImageRecipe, "dir">): Array<[string, string]> {
  return filesBelow(recipe.dir).map((path) => [relative(recipe.dir, path), path]);
}

const cache = new Map<string, ImageRecipe>();

/** The recipe of a language image (or of the runner base), with its content-derived tag. */
export function imageRecipe(name: string, root: string = imagesRoot()): ImageRecipe {
  const key = `${root}\0${name}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const dir = join(root, name);
  const parent = name === RUNNER_BASE_RECIPE ? undefined : imageRecipe(RUNNER_BASE_RECIPE, root);
  const hash = createHash("sha256");
  hash.update(`parent:${parent?.hash ?? ""}\n`);
  hash.update(`final-step:${FINAL_DOCKERFILE_STEP}\n`);
  for (const [relativePath, path] of recipeFiles({ dir })) {
    hash.update(`${relativePath}\0${statSync(path).mode & 0o111 ? "x" : "-"}\0`);
    hash.update(readFileSync(path));
  }
  const digest = hash.digest("hex").slice(0, 12);
  const recipe: ImageRecipe = {
    name,
    dir,
    hash: digest,
    tag: `${IMAGE_REPOSITORY_PREFIX}${name}:${digest}`,
    parent,
  };
  cache.set(key, recipe);
  return recipe;
}
