import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { LanguageSpec } from "../languages/language-spec.js";
import { imagesRoot } from "./package-root.js";

/** The image every language image is built FROM: the Debian base + the supervisor + the sandbox user. */
export const RUNNER_BASE_RECIPE = "runner-base";
/** The Debian release images are built on unless their recipe names another. */
export const DEFAULT_DEBIAN_SUITE = "bookworm";
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
  /** The Debian release (e.g. "bookworm") its runner base is built on. */
  suite: string;
  /** How builds name it: the folder, with the release when not the default ("python:trixie"). */
  label: string;
}

/**
 * A recipe names the recipe it is built FROM in its Dockerfile, as the default of its
 * `RUNNER_BASE` argument (the build passes the parent's real tag):
 * - `ARG RUNNER_BASE=warmbox/runner-base`: on the runner base, of the suite it is built for;
 * - `ARG RUNNER_BASE=warmbox/gcc`: on another recipe (a shared toolchain layer);
 * - `ARG RUNNER_BASE=warmbox/runner-base:trixie`: on that recipe built for another Debian release.
 */
const PARENT_ARGUMENT = /^ARG RUNNER_BASE=warmbox\/([a-z0-9-]+)(?::([a-z]+))?\s*$/m;

function parentOf(dir: string): { name: string; suite: string | undefined } {
  const match = PARENT_ARGUMENT.exec(readFileSync(join(dir, "Dockerfile"), "utf8"));
  return { name: match?.[1] ?? RUNNER_BASE_RECIPE, suite: match?.[2] };
}

/**
 * Python's byte-code caches, which running a recipe's script (supervisor/smoke-test.py) leaves
 * beside it: never part of a recipe, or that checkout's tags would differ from a clean one's.
 */
const NOT_RECIPE_FILES = new Set(["__pycache__"]);

function filesBelow(dir: string): string[] {
  return readdirSync(dir)
    .filter((entry) => !NOT_RECIPE_FILES.has(entry))
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

/**
 * The recipe of a language image (or of a layer or the runner base), with its content-derived
 * tag, built for `suite` unless its Dockerfile names its own (see PARENT_ARGUMENT).
 */
export function imageRecipe(
  name: string,
  root: string = imagesRoot(),
  suite: string = DEFAULT_DEBIAN_SUITE,
): ImageRecipe {
  const key = `${root}\0${name}\0${suite}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const dir = join(root, name);
  let parent: ImageRecipe | undefined;
  let ownSuite = suite;
  if (name !== RUNNER_BASE_RECIPE) {
    const declared = parentOf(dir);
    parent = imageRecipe(declared.name, root, declared.suite ?? suite);
    ownSuite = parent.suite;
  }
  const hash = createHash("sha256");
  hash.update(`parent:${parent?.hash ?? ""}\n`);
  // Only the runner base hashes its suite (the others hash it through their parent); the
  // default suite hashes nothing, so the images made before suites existed keep their tags.
  if (parent === undefined && ownSuite !== DEFAULT_DEBIAN_SUITE) hash.update(`suite:${ownSuite}\n`);
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
    suite: ownSuite,
    label: ownSuite === DEFAULT_DEBIAN_SUITE ? name : `${name}:${ownSuite}`,
  };
  cache.set(key, recipe);
  return recipe;
}

/** The recipe of a language's image at one version: its folder, built for its Debian release. */
export function languageRecipe(spec: Pick<LanguageSpec, "image" | "suite">): ImageRecipe {
  return imageRecipe(spec.image, imagesRoot(), spec.suite);
}
