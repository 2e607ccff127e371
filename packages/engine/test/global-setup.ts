import Dockerode from "dockerode";
import { imageExists } from "../src/docker/docker-images.js";
import { languageRecipe } from "../src/images/image-recipe.js";
import { languageRegistry } from "../src/languages/registry.js";

/**
 * The integration tests need a Docker daemon and the runner images. Without them the suite
 * fails at once with a message saying what to do; it never skips.
 */
export default async function checkDockerAndImages(): Promise<void> {
  const docker = new Dockerode();
  try {
    await docker.ping();
  } catch (error) {
    throw new Error(
      `The engine's tests need a Docker daemon and none answers (${(error as Error).message}). ` +
        "Run `npm test` from the repository root: its set-up starts one (scripts/ensure-docker).",
    );
  }
  const missing: string[] = [];
  for (const spec of languageRegistry.all) {
    const tag = languageRecipe(spec).tag;
    if (!(await imageExists(docker, tag))) missing.push(tag);
  }
  if (missing.length > 0) {
    throw new Error(
      `Runner images are missing: ${missing.join(", ")}. Run \`npm test\` from the repository root ` +
        "(it builds them), or `node packages/engine/dist/cli.js images build`.",
    );
  }
}
