import { spawn } from "node:child_process";
import { readFile, stat } from "node:fs/promises";
import { Readable } from "node:stream";
import type Dockerode from "dockerode";
import { pack } from "tar-stream";
import { ImageBuildError } from "../errors/engine-errors.js";
import {
  FINAL_DOCKERFILE_STEP,
  type ImageRecipe,
  RECIPE_HASH_LABEL,
  RECIPE_LABEL,
  recipeFiles,
} from "../images/image-recipe.js";

interface ProgressEvent {
  stream?: string;
  status?: string;
  error?: string;
  errorDetail?: { message?: string };
}

/** True when the daemon holds an image of that name. */
export async function imageExists(docker: Dockerode, name: string): Promise<boolean> {
  try {
    await docker.getImage(name).inspect();
    return true;
  } catch {
    return false;
  }
}

/** Follows a build/pull/import progress stream to its end; rejects with the daemon's error. */
function followProgress(
  docker: Dockerode,
  stream: NodeJS.ReadableStream,
  onLine: (line: string) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const tail: string[] = [];
    docker.modem.followProgress(
      stream,
      (err: Error | null) => {
        if (err) reject(new ImageBuildError(`${err.message}\n${tail.join("")}`));
        else resolve();
      },
      (event: ProgressEvent) => {
        const line = event.stream ?? (event.status ? `${event.status}\n` : "");
        if (line) {
          tail.push(line);
          if (tail.length > 30) tail.shift();
          onLine(line);
        }
        if (event.error) reject(new ImageBuildError(`${event.error}\n${tail.join("")}`));
      },
    );
  });
}

/** Pulls an image; false (not an error) when the registry can't be reached. */
export async function tryPullImage(docker: Dockerode, name: string): Promise<boolean> {
  try {
    const stream = await docker.pull(name);
    await followProgress(docker, stream, () => {});
    return true;
  } catch {
    return false;
  }
}

/**
 * Builds a recipe's Dockerfile with a tar-stream build context, tagged and labelled.
 * `hostFiles` join the context beside the recipe's files (outside its hash), e.g. the CA bundle.
 */
export async function buildRecipeImage(
  docker: Dockerode,
  recipe: ImageRecipe,
  buildArgs: Record<string, string>,
  onLine: (line: string) => void,
  hostFiles: Record<string, Buffer> = {},
): Promise<void> {
  const context = pack();
  // Recipes are a few small files: whole buffers, no stream juggling.
  for (const [name, path] of recipeFiles(recipe)) {
    const { mode } = await stat(path);
    let content = await readFile(path);
    if (name === "Dockerfile")
      content = Buffer.concat([content, Buffer.from(FINAL_DOCKERFILE_STEP)]);
    context.entry({ name, mode: mode & 0o777 }, content);
  }
  for (const [name, content] of Object.entries(hostFiles)) context.entry({ name }, content);
  context.finalize();
  // tar-stream's pack is a streamx stream; dockerode wants a Node one.
  const stream = await docker.buildImage(Readable.from(context), {
    t: recipe.tag,
    buildargs: buildArgs,
    labels: { [RECIPE_LABEL]: recipe.name, [RECIPE_HASH_LABEL]: recipe.hash },
    rm: true,
    forcerm: true,
    // Recipes are ours and only fetch from the Debian mirror. The host's network lets them do
    // so on a daemon without a bridge network (dockerd --bridge=none) and without NAT rules.
    networkmode: "host",
  });
  await followProgress(docker, stream, onLine);
  if (!(await imageExists(docker, recipe.tag))) {
    throw new ImageBuildError(`building ${recipe.tag} ended without the image`);
  }
}

/** Imports a root file system folder as an image (`docker import`), streamed through tar. */
export async function importRootFs(docker: Dockerode, dir: string, name: string): Promise<void> {
  const tar = spawn("tar", ["-C", dir, "--numeric-owner", "-c", "."], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const [repo, tag] = name.split(":");
  const stream = await docker.importImage(tar.stdout as unknown as string, { repo, tag });
  await followProgress(docker, stream, () => {});
  if (!(await imageExists(docker, name))) throw new ImageBuildError(`importing ${name} failed`);
}
