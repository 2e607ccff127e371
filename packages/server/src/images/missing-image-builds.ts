import {
  type BuildImagesOptions,
  type Engine,
  buildImages as engineBuildImages,
  type ImageBuildEvent,
  type LanguageInfo,
  type LanguageSpec,
  languageImageTag,
  languageKey,
  languageRegistry,
  versionSatisfies,
} from "@warmbox/engine";
import type { FastifyBaseLogger } from "fastify";
import type { LanguageCatalog } from "../execution/language-catalog.js";

/** What builds the images; the engine's `buildImages` unless a test gives another. */
export type BuildImages = (options: BuildImagesOptions) => Promise<unknown>;

export interface MissingImageBuildsOptions {
  engine: Engine;
  catalog: LanguageCatalog;
  logger: FastifyBaseLogger;
  /** The languages the server is configured for: ids, aliases or "id@range" (engine options' forms). */
  languages: readonly string[];
  /** @default the engine's buildImages */
  buildImages?: BuildImages;
}

/** The language versions (keys) whose image has this tag (several languages can share one). */
function languagesOfImage(tag: string, keys: readonly string[]): string[] {
  return keys.filter((key) => languageImageTag(key) === tag);
}

/** Whether a served language's exact version is of a spec's version line ("3.11.2" of "3.11"). */
function versionIs(spec: LanguageSpec, info: LanguageInfo): boolean {
  return spec.version === undefined || versionSatisfies(info.version, spec.version);
}

/**
 * Builds, in the background, the runner images of the configured languages the engine does not
 * serve yet, so a server can start as soon as its core languages run. Each language is listed
 * as building, then served the moment its image exists (and logged), or listed as failed (and
 * logged) without disturbing the others. Resolves, when every build has ended, to the languages
 * that were missing (none: nothing was built).
 */
export async function buildMissingImages(options: MissingImageBuildsOptions): Promise<string[]> {
  const { engine, catalog, logger } = options;
  const configured = [
    ...new Set(options.languages.flatMap((name) => languageRegistry.select(name))),
  ];
  const served = await engine.languages();
  // Keys ("python@3.13") of the configured language versions the engine does not serve yet.
  const missing = configured
    .filter((spec) => !served.some((info) => info.id === spec.id && versionIs(spec, info)))
    .map(languageKey);
  if (missing.length === 0) return [];

  catalog.markBuilding(missing);
  logger.info(
    { languages: missing },
    `building the runner images of ${missing.length} more languages in the background: ${missing.join(", ")}`,
  );
  const started = performance.now();
  const serveArrivals = async () => {
    const arrived = await engine.refreshImages();
    catalog.markArrived(arrived);
    for (const id of arrived) logger.info({ language: id }, `language ready: ${id}`);
  };
  // Arrivals are served one after another, in the order their images were built.
  let arrivals = Promise.resolve();
  const onProgress = (event: ImageBuildEvent) => {
    if (event.type === "started") logger.debug({ image: event.tag }, "image build started");
    if (event.type === "finished") {
      logger.info({ image: event.tag, seconds: event.seconds }, `image built: ${event.recipe}`);
      arrivals = arrivals.then(serveArrivals).catch((error: unknown) => {
        logger.warn({ err: error }, "could not serve the languages of a new image");
      });
    }
    if (event.type === "failed") {
      // The runner base failing means no language image can be built.
      const languages =
        event.recipe === "runner-base" ? missing : languagesOfImage(event.tag, missing);
      catalog.markFailed(languages);
      logger.error(
        { image: event.tag, languages, reason: event.message.split("\n", 1)[0] },
        `image build failed: ${event.recipe}; not served: ${languages.join(", ")}`,
      );
    }
  };
  try {
    await (options.buildImages ?? engineBuildImages)({ languages: missing, onProgress });
  } catch (error) {
    // Each failure was logged as it happened; anything still building has failed too.
    logger.debug({ err: error }, "background image builds ended with failures");
  }
  await arrivals;
  const notServed = catalog.pending();
  catalog.markFailed(notServed);
  const seconds = Math.round((performance.now() - started) / 1000);
  logger.info(
    { seconds, notServed },
    notServed.length === 0
      ? `every language is ready (${missing.length} built in the background in ${seconds} s)`
      : `background image builds done; not served: ${notServed.join(", ")}`,
  );
  return missing;
}
