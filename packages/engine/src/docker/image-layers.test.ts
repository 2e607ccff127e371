import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { layersOf } from "./image-layers.js";

const EMPTY = "sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef";

describe("layersOf", () => {
  it("names each layer by its chain id, as Docker stores it", () => {
    const [first, second] = layersOf(["sha256:a", "sha256:b"], [7, 9]);
    expect(first?.chainId).toBe("sha256:a");
    const chain = createHash("sha256").update("sha256:a sha256:b").digest("hex");
    expect(second?.chainId).toBe(`sha256:${chain}`);
  });

  it("gives the sized history entries to the layers in order; steps without a layer have none", () => {
    // FROM (a layer), ENV (0 bytes, no layer), RUN (a layer), an empty RUN layer, LABEL.
    const layers = layersOf(["sha256:a", "sha256:b", EMPTY], [106, 0, 132, 0, 0]);
    expect(layers.map((layer) => layer.size)).toEqual([106, 132, 0]);
  });

  it("shares a chain id between images with the same layers below, not the same layer alone", () => {
    const one = layersOf(["sha256:a", "sha256:c"], [1, 2]);
    const other = layersOf(["sha256:b", "sha256:c"], [1, 2]);
    expect(one[1]?.chainId).not.toBe(other[1]?.chainId);
  });
});
