import Dockerode from "dockerode";
import { buildRecipeImage, imageExists } from "../docker/docker-images.js";
import { ImageBuildError, UnknownLanguageError } from "../errors/engine-errors.js";
import { languageKey } from "../languages/language-spec.js";
import { languageRegistry } from "../languages/registry.js";
import { ensureBaseImage } from "./base-image.js";
import { BUILD_CA_FILE, readBuildCaBundle } from "./build-ca-bundle.js";
import { type ImageBuildEvent, stepOf } from "./build-progress.js";
import { DEFAULT_DEBIAN_SUITE, type ImageRecipe, languageRecipe } from "./image-recipe.js";

export interface BuildImagesOptions {
  /**
   * Languages to build: an id or alias builds its default (newest) version, "python@3.11" or
   * "python@*" the versions the semver range matches. @default every version of every language
   */
  languages?: string[];
  /** The Docker daemon. @default dockerode's defaults */
  docker?: Dockerode;
  /**
   * The Debian base of the default release (bookworm) to build on; images of other releases
   * use that release's. @default "debian:bookworm-slim", bootstrapped locally if it can't be pulled
   */
  baseImage?: string;
  /** Debian mirror for the bootstrapped base. @default "http://deb.debian.org/debian" */
  mirror?: string;
  /**
   * PEM bundle of the certificate authorities that builds fetching over TLS (npm) trust; given
   * to a build stage only, never kept in an image.
   * @default "/etc/ssl/certs/ca-certificates.crt" when the host has it, else none
   */
  caBundle?: string;
  /** Rebuild even when an image of the same recipe hash exists. @default false */
  force?: boolean;
  /** Images built at once (each build is mostly downloads and unpacking). @default 2 */
  concurrency?: number;
  /** Build output, line by line. @default discarded */
  onLine?: (recipe: string, line: string) => void;
  /** What each build is doing: started, its current step, finished or failed. @default discarded */
  onProgress?: (event: ImageBuildEvent) => void;
}

export interface BuiltImage {
  /** The recipe: a language's image folder, a shared layer's, or "runner-base". */
  recipe: string;
  tag: string;
  /** False when an image of the same recipe hash already existed. */
  built: boolean;
  seconds: number;
}

/**
 * The image tag a language's sandboxes run, derived from its recipe: its default version's, or
 * those of the version a selector like "python@3.11" names (see `languages`' forms in
 * BuildImagesOptions).
 */
export function languageImageTag(language: string): string {
  const spec = languageRegistry.select(language)[0];
  if (!spec) throw unknownLanguage(language);
  return languageRecipe(spec).tag;
}

function unknownLanguage(selector: string): UnknownLanguageError {
  const known = languageRegistry.all.map(languageKey);
  return new UnknownLanguageError(
    `no language or version '${selector}'; known: ${known.join(", ")}`,
    known,
  );
}

async function runLimited<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>) {
  const queue = [...items];
  const workers = Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  });
  await Promise.all(workers);
}

/**
 * Builds the runner images of the given languages (and the runner base they share), skipping
 * every image whose recipe hash is already built. A language image that fails to build does not
 * stop the others: every other build finishes, then an ImageBuildError names the failed ones.
 */
export async function buildImages(options: BuildImagesOptions = {}): Promise<BuiltImage[]> {
  const docker = options.docker ?? new Dockerode();
  const onProgress = options.onProgress ?? (() => {});
  const onLine = (recipe: string, line: string) => {
    options.onLine?.(recipe, line);
    const step = stepOf(line);
    if (step !== undefined) onProgress({ type: "step", recipe, step });
  };
  const specs = options.languages?.length
    ? options.languages.flatMap((selector) => {
        const selected = languageRegistry.select(selector);
        if (selected.length === 0) throw unknownLanguage(selector);
        return selected;
      })
    : languageRegistry.all;
  const languageRecipes = [
    ...new Map(specs.map((spec) => [languageRecipe(spec).tag, languageRecipe(spec)])).values(),
  ];
  const results: BuiltImage[] = [];

  const missing = async (recipe: ImageRecipe) =>
    options.force === true || !(await imageExists(docker, recipe.tag));
  const languagesMissing: ImageRecipe[] = [];
  for (const recipe of languageRecipes) {
    if (await missing(recipe)) languagesMissing.push(recipe);
    else results.push({ recipe: recipe.label, tag: recipe.tag, built: false, seconds: 0 });
  }
  // The layers (runner bases, shared toolchains) the missing images are built FROM.
  const layersMissing = new Map<string, ImageRecipe>();
  for (const recipe of languagesMissing) {
    for (let layer = recipe.parent; layer; layer = layer.parent) {
      if (!layersMissing.has(layer.tag) && (await missing(layer))) {
        layersMissing.set(layer.tag, layer);
      }
    }
  }
  onProgress({
    type: "plan",
    building: [...layersMissing.values(), ...languagesMissing].map((r) => r.label),
    present: results.map((result) => result.recipe),
  });
  if (languagesMissing.length === 0) return results;
  const hostFiles = { [BUILD_CA_FILE]: await readBuildCaBundle(options.caBundle) };

  /**
   * Builds one recipe, reporting its progress. Its build arguments are worked out inside its
   * timing (for the runner base that can mean bootstrapping the Debian base).
   */
  const build = async (
    recipe: ImageRecipe,
    buildArgs: () => Promise<Record<string, string>>,
  ): Promise<void> => {
    const started = performance.now();
    onProgress({ type: "started", recipe: recipe.label, tag: recipe.tag });
    try {
      await buildRecipeImage(
        docker,
        recipe,
        await buildArgs(),
        (line) => onLine(recipe.label, line),
        hostFiles,
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      onProgress({ type: "failed", recipe: recipe.label, tag: recipe.tag, message });
      throw error;
    }
    const seconds = Math.round((performance.now() - started) / 100) / 10;
    results.push({ recipe: recipe.label, tag: recipe.tag, built: true, seconds });
    onProgress({ type: "finished", recipe: recipe.label, tag: recipe.tag, seconds });
  };

  /** Builds a layer once, after its own parent, however many images wait for it. */
  const layerBuilds = new Map<string, Promise<void>>();
  const ensureLayer = (layer: ImageRecipe | undefined): Promise<void> => {
    if (!layer || !layersMissing.has(layer.tag)) return Promise.resolve();
    let building = layerBuilds.get(layer.tag);
    if (!building) {
      building = ensureLayer(layer.parent).then(() => build(layer, () => buildArgsOf(layer)));
      layerBuilds.set(layer.tag, building);
    }
    return building;
  };
  const buildArgsOf = async (recipe: ImageRecipe): Promise<Record<string, string>> =>
    recipe.parent
      ? { RUNNER_BASE: recipe.parent.tag }
      : {
          BASE_IMAGE: await ensureBaseImage(docker, {
            suite: recipe.suite,
            baseImage: recipe.suite === DEFAULT_DEBIAN_SUITE ? options.baseImage : undefined,
            mirror: options.mirror,
            onLine: (line) => onLine(recipe.label, line),
          }),
        };

  const failed: string[] = [];
  await runLimited(languagesMissing, options.concurrency ?? 2, (recipe) =>
    ensureLayer(recipe.parent)
      .then(() => build(recipe, () => buildArgsOf(recipe)))
      .catch(() => {
        failed.push(recipe.label);
      }),
  );
  if (failed.length > 0) {
    throw new ImageBuildError(
      `${failed.length} image(s) failed to build: ${failed.join(", ")}; the others are built`,
    );
  }
  return results;
}
