import Dockerode from "dockerode";
import { imageExists } from "../docker/docker-images.js";
import { buildImages } from "../images/build-images.js";
import { imageRecipe } from "../images/image-recipe.js";
import { languageRegistry } from "../languages/registry.js";
import { buildProgressView } from "./build-progress-view.js";

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

export async function languagesCommand(): Promise<void> {
  const docker = new Dockerode();
  for (const spec of languageRegistry.all) {
    const tag = imageRecipe(spec.image).tag;
    const present = await imageExists(docker, tag).catch(() => false);
    const aliases = spec.aliases.length ? ` (${spec.aliases.join(", ")})` : "";
    console.log(
      `${spec.id.padEnd(12)} ${spec.name}${aliases}  ${present ? tag : "image not built"}`,
    );
  }
}
