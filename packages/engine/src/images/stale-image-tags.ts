import { IMAGE_REPOSITORY_PREFIX, RECIPE_HASH_LABEL, RECIPE_LABEL } from "./image-recipe.js";

/** One image as the daemon lists it: its id, its `repository:tag` names and its labels. */
export interface TaggedImage {
  id: string;
  tags: string[];
  labels: Record<string, string>;
}

/** A container (running or stopped) and the image it was created from. */
export interface ImageUser {
  name: string;
  imageId: string;
}

/** A tag no current recipe produces, and what removing it does. */
export interface StaleImageTag {
  tag: string;
  imageId: string;
  /**
   * True when the image goes with its stale tags (no other tag names it); false when another
   * tag keeps it and only this name is removed.
   */
  deletesImage: boolean;
  /** Containers using the image when it would go with the tag: then the tag is kept. */
  usedBy: string[];
}

/**
 * True for a tag `images build` made: `warmbox/<recipe>:<hash>`, read from the image's own
 * recipe labels. Other `warmbox/` images (the bootstrapped Debian bases, the server's image, an
 * image someone built FROM a runner image and tagged otherwise) are not recipe-hashed: never stale.
 */
function isRecipeTag(tag: string, labels: Record<string, string>): boolean {
  const recipe = labels[RECIPE_LABEL];
  const hash = labels[RECIPE_HASH_LABEL];
  return (
    recipe !== undefined &&
    hash !== undefined &&
    tag === `${IMAGE_REPOSITORY_PREFIX}${recipe}:${hash}`
  );
}

/**
 * The recipe-made tags under `repositoryPrefix` that are not in `current`, image by image.
 * An image keeps every tag that is current or not recipe-made; its stale tags are then only
 * untagged. An image that would go with its tags but that a container uses is listed with
 * `usedBy` (Docker refuses to remove it, and it must stay).
 */
export function staleImageTags(
  images: readonly TaggedImage[],
  containers: readonly ImageUser[],
  options: { current: ReadonlySet<string>; repositoryPrefix: string },
): StaleImageTag[] {
  const stale: StaleImageTag[] = [];
  for (const image of images) {
    const staleTags = image.tags.filter(
      (tag) =>
        tag.startsWith(options.repositoryPrefix) &&
        isRecipeTag(tag, image.labels) &&
        !options.current.has(tag),
    );
    if (staleTags.length === 0) continue;
    const deletesImage = staleTags.length === image.tags.length;
    const usedBy = deletesImage
      ? containers.filter((container) => container.imageId === image.id).map((c) => c.name)
      : [];
    for (const tag of staleTags.sort())
      stale.push({ tag, imageId: image.id, deletesImage, usedBy });
  }
  return stale.sort((a, b) => a.tag.localeCompare(b.tag));
}
