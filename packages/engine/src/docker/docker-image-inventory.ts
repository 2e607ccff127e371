import type Dockerode from "dockerode";
import type { LayeredImage } from "../images/freed-bytes.js";
import type { ImageUser, TaggedImage } from "../images/stale-image-tags.js";
import { layersOf } from "./image-layers.js";

/** What Docker's API answers when it refuses a request: its status and its message. */
interface DockerApiError {
  statusCode?: number;
  json?: { message?: string };
  message?: string;
}

const NO_TAG = "<none>:<none>";

/**
 * Every image a `docker images` lists (tagged ones and dangling leaves; the untagged parents of
 * tagged images hold no layer their children lack).
 */
export async function listTaggedImages(docker: Dockerode): Promise<TaggedImage[]> {
  const images = await docker.listImages();
  return images.map((image) => ({
    id: image.Id,
    tags: (image.RepoTags ?? []).filter((tag) => tag !== NO_TAG),
    labels: image.Labels ?? {},
  }));
}

/** Every container, running or stopped, with the image it was created from. */
export async function listImageUsers(docker: Dockerode): Promise<ImageUser[]> {
  const containers = await docker.listContainers({ all: true });
  return containers.map((container) => ({
    name: container.Names[0]?.replace(/^\//, "") ?? container.Id.slice(0, 12),
    imageId: container.ImageID,
  }));
}

/**
 * An image's layers; their sizes only `withSizes` (one more request: the image's history).
 * Undefined when the image is gone meanwhile (another client removed it).
 */
export async function imageLayers(
  docker: Dockerode,
  id: string,
  withSizes: boolean,
): Promise<LayeredImage | undefined> {
  const image = docker.getImage(id);
  try {
    const { RootFS } = await image.inspect();
    const history = withSizes ? await image.history() : [];
    const sizes = (history as Array<{ Size: number }>).map((entry) => entry.Size).reverse();
    return { id, layers: layersOf(RootFS.Layers ?? [], sizes) };
  } catch (error) {
    if ((error as DockerApiError).statusCode === 404) return undefined;
    throw error;
  }
}

/** How a tag's removal went. */
export type TagRemoval =
  | { outcome: "removed" }
  | { outcome: "in-use"; message: string }
  | { outcome: "failed"; message: string };

/**
 * Removes one tag (never forced): Docker untags it, and deletes the image (with its untagged
 * parents) when it was its last tag. Docker's refusals are answers, not errors: a container uses
 * the image (409), or anything else it says; a tag already gone counts as removed. Only a daemon
 * that doesn't answer throws.
 */
export async function removeImageTag(docker: Dockerode, tag: string): Promise<TagRemoval> {
  try {
    await docker.getImage(tag).remove();
    return { outcome: "removed" };
  } catch (error) {
    const { statusCode, json, message } = error as DockerApiError;
    if (statusCode === undefined) throw error;
    const said = json?.message ?? message ?? String(error);
    if (statusCode === 404) return { outcome: "removed" };
    if (statusCode === 409) return { outcome: "in-use", message: said };
    return { outcome: "failed", message: said };
  }
}
