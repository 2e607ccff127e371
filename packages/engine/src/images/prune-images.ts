import Dockerode from "dockerode";
import {
  imageLayers,
  listImageUsers,
  listTaggedImages,
  removeImageTag,
} from "../docker/docker-image-inventory.js";
import { EngineUnavailableError } from "../errors/engine-errors.js";
import { currentImageTags } from "./current-image-tags.js";
import { freedBytes, type LayeredImage } from "./freed-bytes.js";
import { IMAGE_REPOSITORY_PREFIX } from "./image-recipe.js";
import { staleImageTags } from "./stale-image-tags.js";

export interface PruneImagesOptions {
  /** The Docker daemon. @default dockerode's defaults */
  docker?: Dockerode;
  /** Remove the stale tags; without it nothing changes and the result says what would go. @default false */
  remove?: boolean;
  /**
   * The tags to keep: what `buildImages` makes for every language version and the layers below.
   * @default every tag this version of Warmbox builds
   */
  current?: ReadonlySet<string>;
  /** Only tags whose name starts with this are looked at. @default "warmbox/" */
  repositoryPrefix?: string;
}

/** One stale tag and what became of it. */
export interface PrunedImageTag {
  /** e.g. warmbox/python:1a2b3c4d5e6f */
  tag: string;
  imageId: string;
  /**
   * - `removed`: the tag is gone (and its image, when `deletesImage`);
   * - `would-remove`: a dry run's answer;
   * - `in-use`: kept, a container (running or stopped) uses its image: `reason` names them;
   * - `failed`: Docker refused for another reason, given in `reason`.
   */
  outcome: "removed" | "would-remove" | "in-use" | "failed";
  /** True when the image goes with its stale tags; false when another tag keeps it (only the name goes). */
  deletesImage: boolean;
  reason?: string;
}

export interface ImagePruneResult {
  /** True when nothing was removed (`remove` was not set). */
  dryRun: boolean;
  /** Every stale tag, sorted by name. */
  tags: PrunedImageTag[];
  /**
   * Disk space freed (in a dry run: that would be), in bytes: the layers of the deleted images
   * that no other image has, as Docker counts their sizes.
   */
  freedBytes: number;
}

/** Runs a Docker request; a daemon that doesn't answer becomes an EngineUnavailableError. */
async function answered<T>(request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== undefined) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new EngineUnavailableError(`the Docker daemon does not answer (${message})`, {
      cause: error,
    });
  }
}

/**
 * Removes the `warmbox/` image tags no recipe of this version of Warmbox produces: those that
 * earlier versions (or recipe changes) left behind. Only tags `buildImages` made are looked at
 * (named `warmbox/<recipe>:<hash>` after the image's own recipe labels); an image that another
 * tag still names loses only its stale tag, and an image a container uses is kept and reported.
 * Without `remove`, a dry run: nothing changes.
 *
 * @example
 * ```ts
 * const { tags, freedBytes } = await pruneImages({ remove: true });
 * console.log(`${tags.filter((t) => t.outcome === "removed").length} tags removed, ${freedBytes} bytes freed`);
 * ```
 */
export async function pruneImages(options: PruneImagesOptions = {}): Promise<ImagePruneResult> {
  const docker = options.docker ?? new Dockerode();
  const dryRun = options.remove !== true;
  await answered(docker.ping());
  const [images, containers] = await answered(
    Promise.all([listTaggedImages(docker), listImageUsers(docker)]),
  );
  const stale = staleImageTags(images, containers, {
    current: options.current ?? currentImageTags(),
    repositoryPrefix: options.repositoryPrefix ?? IMAGE_REPOSITORY_PREFIX,
  });
  const going = new Set(
    stale.filter((tag) => tag.deletesImage && tag.usedBy.length === 0).map((tag) => tag.imageId),
  );
  // Every image's layers (a layer is freed only when no image keeps it), sizes only of those going.
  const layered: LayeredImage[] = [];
  if (going.size > 0) {
    for (const image of images) {
      const layers = await answered(imageLayers(docker, image.id, going.has(image.id)));
      if (layers) layered.push(layers);
    }
  }

  const tags: PrunedImageTag[] = [];
  for (const { tag, imageId, deletesImage, usedBy } of stale) {
    const entry = { tag, imageId, deletesImage };
    if (usedBy.length > 0) {
      tags.push({ ...entry, outcome: "in-use", reason: `used by container ${usedBy.join(", ")}` });
    } else if (dryRun) {
      tags.push({ ...entry, outcome: "would-remove" });
    } else {
      const removal = await answered(removeImageTag(docker, tag));
      tags.push(
        removal.outcome === "removed"
          ? { ...entry, outcome: "removed" }
          : {
              ...entry,
              outcome: removal.outcome,
              reason: removal.message,
            },
      );
    }
  }
  // An image is deleted when every one of its stale tags went (a refusal keeps it).
  const deleted = new Set(going);
  for (const tag of tags)
    if (tag.outcome === "in-use" || tag.outcome === "failed") deleted.delete(tag.imageId);
  return { dryRun, tags, freedBytes: freedBytes(layered, deleted) };
}
