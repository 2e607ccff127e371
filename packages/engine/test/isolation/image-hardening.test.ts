import { readdirSync } from "node:fs";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { imageRecipe, RUNNER_BASE_RECIPE } from "../../src/images/image-recipe.js";
import { imagesRoot } from "../../src/images/package-root.js";
import { docker } from "../helpers/test-engine.js";

/**
 * No runner image holds a setuid or setgid file: the image build strips them all (its final
 * step, added to every recipe). Checked in every runner image of this checkout that is built,
 * with find(1) run as root over the image's whole file system.
 */
async function setIdFiles(image: string): Promise<string[]> {
  const container = await docker.createContainer({
    Image: image,
    User: "root",
    Entrypoint: ["find", "/", "-xdev", "-type", "f", "-perm", "/6000"],
    Cmd: [],
    HostConfig: { NetworkMode: "none" },
  });
  try {
    const stream = await container.attach({ stream: true, stdout: true, stderr: true });
    const stdout = new PassThrough();
    const lines: Buffer[] = [];
    stdout.on("data", (chunk: Buffer) => lines.push(chunk));
    docker.modem.demuxStream(stream, stdout, process.stderr);
    await container.start();
    const { StatusCode } = await container.wait();
    expect(StatusCode, `find in ${image}`).toBe(0);
    return Buffer.concat(lines).toString().split("\n").filter(Boolean);
  } finally {
    await container.remove({ force: true });
  }
}

async function built(tag: string): Promise<boolean> {
  try {
    await docker.getImage(tag).inspect();
    return true;
  } catch {
    return false;
  }
}

describe("runner images", () => {
  it("have no file with a setuid or setgid bit", async () => {
    const tags = readdirSync(imagesRoot()).map((name) => imageRecipe(name).tag);
    const present: string[] = [];
    for (const tag of tags) if (await built(tag)) present.push(tag);
    // The base is built whenever any runner image is: without it nothing was checked.
    expect(present).toContain(imageRecipe(RUNNER_BASE_RECIPE).tag);
    for (const tag of present) expect(await setIdFiles(tag), tag).toEqual([]);
  });
});
