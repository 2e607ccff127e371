import Dockerode from "dockerode";
import { buildRecipeImage, imageExists } from "../docker/docker-images.js";
import { ImageBuildError, UnknownLanguageError } from "../errors/engine-errors.js";
import { languageRegistry } from "../languages/registry.js";
import { ensureBaseImage } from "./base-image.js";
import { type ImageBuildEvent, stepOf } from "./build-progress.js";
import { type ImageRecipe, imageRecipe, RUNNER_BASE_RECIPE } from "./image-recipe.js";

export interface BuildImagesOptions {
  /** Language ids or aliases to build. @default every registered language */
  languages?: string[];
  /** The Docker daemon. @default dockerode's defaults */
  docker?: Dockerode;
  /** The Debian base to build on. @default "debian:bookworm-slim", bootstrapped locally if it can't be pulled */
  baseImage?: string;
  /** Debian mirror for the bootstrapped base. @default "http://deb.debian.org/debian" */
  mirror?: string;
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
  /** The language id, or "runner-base". */
  recipe: string;
  tag: string;
  /** False when an image of the same recipe hash already existed. */
  built: boolean;
  seconds: number;
}

/** The image tag a language's sandboxes run, derived from its recipe. */
export function languageImageTag(languageId: string): string {
  const spec = languageRegistry.find(languageId);
  if (!spec) throw new UnknownLanguageError(`no language '${languageId}'`, []);
  return imageRecipe(spec.image).tag;
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
  const ids = options.languages?.length
    ? options.languages
    : languageRegistry.all.map((spec) => spec.id);
  const specs = ids.map((id) => {
    const spec = languageRegistry.find(id);
    if (!spec) {
      const known = languageRegistry.all.map((s) => s.id);
      throw new UnknownLanguageError(`no language '${id}'; known: ${known.join(", ")}`, known);
    }
    return spec;
  });
  const languageRecipes = [
    ...new Map(specs.map((spec) => [spec.image, imageRecipe(spec.image)])).values(),
  ];
  const base = imageRecipe(RUNNER_BASE_RECIPE);
  const results: BuiltImage[] = [];

  const missing = async (recipe: ImageRecipe) =>
    options.force === true || !(await imageExists(docker, recipe.tag));
  const languagesMissing: ImageRecipe[] = [];
  for (const recipe of languageRecipes) {
    if (await missing(recipe)) languagesMissing.push(recipe);
    else results.push({ recipe: recipe.name, tag: recipe.tag, built: false, seconds: 0 });
  }
  const baseMissing = languagesMissing.length > 0 && (await missing(base));
  onProgress({
    type: "plan",
    building: [...(baseMissing ? [base.name] : []), ...languagesMissing.map((r) => r.name)],
    present: results.map((result) => result.recipe),
  });
  if (languagesMissing.length === 0) return results;

  /**
   * Builds one recipe, reporting its progress. Its build arguments are worked out inside its
   * timing (for the runner base that can mean bootstrapping the Debian base).
   */
  const build = async (
    recipe: ImageRecipe,
    buildArgs: () => Promise<Record<string, string>>,
  ): Promise<void> => {
    const started = performance.now();
    onProgress({ type: "started", recipe: recipe.name, tag: recipe.tag });
    try {
      await buildRecipeImage(docker, recipe, await buildArgs(), (line) =>
        onLine(recipe.name, line),
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      onProgress({ type: "failed", recipe: recipe.name, tag: recipe.tag, message });
      throw error;
    }
    const seconds = Math.round((performance.now() - started) / 100) / 10;
    results.push({ recipe: recipe.name, tag: recipe.tag, built: true, seconds });
    onProgress({ type: "finished", recipe: recipe.name, tag: recipe.tag, seconds });
  };

  if (baseMissing) {
    await build(base, async () => ({
      BASE_IMAGE: await ensureBaseImage(docker, {
        baseImage: options.baseImage,
        mirror: options.mirror,
        onLine: (line) => onLine(RUNNER_BASE_RECIPE, line),
      }),
    }));
  }
  const failed: string[] = [];
  await runLimited(languagesMissing, options.concurrency ?? 2, (recipe) =>
    build(recipe, async () => ({ RUNNER_BASE: base.tag })).catch(() => {
      failed.push(recipe.name);
    }),
  );
  if (failed.length > 0) {
    throw new ImageBuildError(
      `${failed.length} image(s) failed to build: ${failed.join(", ")}; the others are built`,
    );
  }
  return results;
}
