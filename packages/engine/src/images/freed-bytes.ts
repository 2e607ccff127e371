/** One layer of an image: an id naming it with every layer below it, and its size in bytes. */
export interface ImageLayer {
  chainId: string;
  size: number;
}

/** An image's layers, base first. */
export interface LayeredImage {
  id: string;
  layers: ImageLayer[];
}

/**
 * The bytes removing the `removed` images frees: their layers that no other image has. Layers
 * shared with a kept image stay on disk; layers shared only among removed images count once.
 */
export function freedBytes(images: readonly LayeredImage[], removed: ReadonlySet<string>): number {
  const kept = new Set<string>();
  for (const image of images) {
    if (!removed.has(image.id)) for (const layer of image.layers) kept.add(layer.chainId);
  }
  const freed = new Map<string, number>();
  for (const image of images) {
    if (!removed.has(image.id)) continue;
    for (const layer of image.layers) {
      if (!kept.has(layer.chainId)) freed.set(layer.chainId, layer.size);
    }
  }
  let bytes = 0;
  for (const size of freed.values()) bytes += size;
  return bytes;
}
