import Dockerode from "dockerode";
import { imageExists } from "../docker/docker-images.js";
import { buildImages } from "../images/build-images.js";
import { languageRecipe } from "../images/image-recipe.js";
import { pruneImages } from "../images/prune-images.js";
import { languageKey } from "../languages/language-spec.js";
import { languageRegistry } from "../languages/registry.js";
import { buildProgressView } from "./build-progress-view.js";
import { EXIT_ENGINE_FAILURE } from "./exit-codes.js";
import { languagesMarkdown } from "./languages-markdown.js";
import { pruneReport } from "./prune-report.js";

export async function buildCommand(
  languages: string[],
  options: { baseImage?: string; force?: boolean; quiet?: boolean; concurrency?: number },
): Promise<void> {
  const started = performance.now();
  const view = options.quiet ? undefined : buildProgressView();
  let built: Awaited<ReturnType<typeof buildImages>>;
  try {
    built = await buildImages({
      languages,
      baseImage: options.baseImage,
      force: options.force,
      concurrency: options.concurrency,
      onProgress: view?.onProgress,
    });
  } finally {
    view?.stop();
  }
  for (const image of built) {
    console.log(
      `${image.built ? "built  " : "present"} ${image.tag}${image.built ? ` (${image.seconds} s)` : ""}`,
    );
  }
  console.log(`images ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

export async function pruneCommand(options: { yes?: boolean }): Promise<void> {
  const result = await pruneImages({ remove: options.yes === true });
  for (const line of pruneReport(result)) console.log(line);
  if (result.tags.some((tag) => tag.outcome === "failed")) process.exitCode = EXIT_ENGINE_FAILURE;
}

export async function languagesCommand(options: { markdown?: boolean }): Promise<void> {
  if (options.markdown) {
    console.log(languagesMarkdown(languageRegistry));
    return;
  }
  const docker = new Dockerode();
  for (const spec of languageRegistry.all) {
    const tag = languageRecipe(spec).tag;
    const present = await imageExists(docker, tag).catch(() => false);
    const aliases = spec.aliases.length ? ` (${spec.aliases.join(", ")})` : "";
    const isDefault = spec.version !== undefined && languageRegistry.find(spec.id) === spec;
    const version =
      spec.version === undefined ? "" : ` ${spec.version}${isDefault ? " (default)" : ""}`;
    console.log(
      `${languageKey(spec).padEnd(16)} ${spec.name}${version}${aliases}  ${present ? tag : "image not built"}`,
    );
  }
}
