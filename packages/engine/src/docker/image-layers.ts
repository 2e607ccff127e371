import { createHash } from "node:crypto";
import type { ImageLayer } from "../images/freed-bytes.js";

/**
 * The diff id of a layer with no files: a build step that changed nothing may still add one.
 * Docker reports it as 0 bytes.
 */
const EMPTY_LAYER_DIFF_ID =
  "sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef";

/**
 * An image's layers with their sizes, from its diff ids (`RootFS.Layers`, base first) and the
 * sizes of its history entries (oldest first). Docker stores a layer once per chain of layers
 * below it, so a layer is named by its chain id (as Docker computes it), not by its diff id.
 *
 * The history has an entry per build step; only steps that made a layer have a size, and Docker
 * reports exactly those with more than 0 bytes, so the sized entries are, in order, the layers
 * that hold files. When the two don't match up (a layer of files that sum to 0 bytes), the sizes
 * are given base first and the rest count 0: the total is then an estimate.
 */
export function layersOf(
  diffIds: readonly string[],
  historySizes: readonly number[],
): ImageLayer[] {
  const sizes = historySizes.filter((size) => size > 0);
  let chainId = "";
  return diffIds.map((diffId) => {
    chainId = chainId === "" ? diffId : `sha256:${sha256(`${chainId} ${diffId}`)}`;
    const size = diffId === EMPTY_LAYER_DIFF_ID ? 0 : (sizes.shift() ?? 0);
    return { chainId, size };
  });
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
